import { db } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { ZExportQuery } from "@/lib/rubrics/schemas";
import { exportRubric } from "@/lib/rubrics/transfer";

/** The rubric as a file: `?format=yaml|json`, `?version=N` (default the latest published). */
export const GET = projectRoute({ auth: "session", scope: "rubrics:read", query: ZExportQuery }, async (ctx, { query, params }) => {
  const file = await exportRubric(db(), ctx, params.rubricId, query);
  return new Response(file.body, {
    headers: {
      "content-type": `${file.contentType}; charset=utf-8`,
      "content-disposition": `attachment; filename="${file.filename}"`,
      "cache-control": "no-store",
    },
  });
});
