import { z } from "zod";
import { db } from "@/lib/db/client";
import { publicRoute } from "@/lib/http/handler";
import { ZPassword } from "@/lib/users/schemas";
import { usePasswordReset } from "@/lib/users/service";

const ZReset = z.object({ token: z.string().min(10).max(200), password: ZPassword });

export const POST = publicRoute({ body: ZReset }, ({ body }) => usePasswordReset(db(), body.token, body.password));
