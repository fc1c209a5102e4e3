import { projectRoute } from "@/lib/http/handler";
import { readRawBody } from "@/lib/http/raw-body";
import { uploadChunk } from "@/lib/imports/service";
import { IMPORT_LIMITS, ZChunkQuery } from "@/lib/imports/schemas";

/** One piece of the file (`?seq=0, 1, …` in order) as application/octet-stream. */
export const POST = projectRoute({ auth: "session", scope: "datasets:write", query: ZChunkQuery }, async (ctx, { params, query, req, db }) =>
  uploadChunk(db, ctx, params.importId, query.seq, await readRawBody(req, IMPORT_LIMITS.chunkBytes), { datasetId: params.datasetId }),
);
