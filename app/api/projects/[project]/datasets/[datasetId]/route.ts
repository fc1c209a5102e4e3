import { ZDataset, ZDatasetDelete, ZDatasetDeleted, ZDatasetUpdate } from "@/lib/datasets/schemas";
import { deleteDataset, getDataset, updateDataset } from "@/lib/datasets/service";
import { projectRoute } from "@/lib/http/handler";

export const GET = projectRoute({ auth: "session", scope: "datasets:read", answer: ZDataset }, (ctx, { params, db }) => getDataset(db, ctx, params.datasetId));

/** Change the description or schemas, archive the dataset or bring it back. */
export const PATCH = projectRoute({ auth: "session", scope: "datasets:write", body: ZDatasetUpdate, answer: ZDataset }, (ctx, { params, body, db }) =>
  updateDataset(db, ctx, params.datasetId, body),
);

/** Delete the dataset and everything it holds: an ADMIN, repeating its exact name. */
export const DELETE = projectRoute({ auth: "session", scope: "datasets:delete", body: ZDatasetDelete, answer: ZDatasetDeleted }, (ctx, { params, body, db }) =>
  deleteDataset(db, ctx, params.datasetId, body.confirm),
);
