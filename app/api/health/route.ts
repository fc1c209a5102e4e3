import { db } from "@/lib/db/client";
import { publicRoute } from "@/lib/http/handler";

export const GET = publicRoute({}, async () => {
  await db().$queryRaw`SELECT 1`;
  return { status: "ok" };
});
