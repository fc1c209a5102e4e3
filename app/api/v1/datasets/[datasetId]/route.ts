import { ZDataset, ZDatasetUpdate } from "@/lib/datasets/schemas";
import { getDataset, updateDataset } from "@/lib/datasets/service";
import { projectRoute } from "@/lib/http/handler";

export const GET = projectRoute({ auth: "apiKey", scope: "datasets:read", answer: ZDataset }, (ctx, { params, db }) => getDataset(db, ctx, params.datasetId));

export const PATCH = projectRoute({ auth: "apiKey", scope: "datasets:write", body: ZDatasetUpdate, answer: ZDataset }, (ctx, { params, body, db }) =>
  updateDataset(db, ctx, params.datasetId, body),
);
