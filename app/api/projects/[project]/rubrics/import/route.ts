import { db } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { ZImport } from "@/lib/rubrics/schemas";
import { importRubric } from "@/lib/rubrics/transfer";

// The file travels as a JSON string (escaped), so the body may be larger than the 1 MB file allowed.
export const POST = projectRoute({ auth: "session", scope: "rubrics:manage", body: ZImport, status: 201, maxBodyBytes: 2 * 1024 * 1024 }, (ctx, { body }) =>
  importRubric(db(), ctx, body),
);
