import { ZDataset, ZDatasetDelete, ZDatasetDeleted, ZDatasetUpdate } from "@/lib/datasets/schemas";
import { deleteDataset, getDataset, updateDataset } from "@/lib/datasets/service";
import { projectRoute } from "@/lib/http/handler";

export const GET = projectRoute({ auth: "apiKey", scope: "datasets:read", answer: ZDataset }, (ctx, { params, db }) => getDataset(db, ctx, params.datasetId));

export const PATCH = projectRoute({ auth: "apiKey", scope: "datasets:write", body: ZDatasetUpdate, answer: ZDataset }, (ctx, { params, body, db }) =>
  updateDataset(db, ctx, params.datasetId, body),
);

// Deleting takes an ADMIN signed in: no key scope holds datasets:delete, so every key is
// refused (403), as on the other routes that only admins may use to change a project.
export const DELETE = projectRoute({ auth: "apiKey", scope: "datasets:delete", body: ZDatasetDelete, answer: ZDatasetDeleted }, (ctx, { params, body, db }) =>
  deleteDataset(db, ctx, params.datasetId, body.confirm),
);
