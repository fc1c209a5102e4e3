import { z } from "zod";

export const ZApiKeyCreate = z.object({
  name: z.string().trim().min(1, "Name the key after what will hold it").max(100),
  scope: z.enum(["INGEST", "FULL", "ADMIN"]),
});
export type TApiKeyCreate = z.infer<typeof ZApiKeyCreate>;
