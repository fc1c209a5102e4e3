import { pool } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { createImport, listProjectImports } from "@/lib/imports/service";
import { ZImportCreate } from "@/lib/imports/schemas";

// File imports of traces, for signed-in engineers. Machines use POST /api/v1/traces (or the CLI).
export const GET = projectRoute({ auth: "session", scope: "traces:write" }, (ctx) => listProjectImports(pool(), ctx));

/** Announces a file; its bytes follow in pieces to ./{importId}/chunks. */
export const POST = projectRoute({ auth: "session", scope: "traces:write", body: ZImportCreate, status: 201 }, (ctx, { body }) =>
  createImport(pool(), ctx, body),
);
