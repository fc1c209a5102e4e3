import { ZDataset, ZDatasetCreate, ZDatasetList } from "@/lib/datasets/schemas";
import { createDataset, listDatasets } from "@/lib/datasets/service";
import { projectRoute } from "@/lib/http/handler";

export const GET = projectRoute({ auth: "session", scope: "datasets:read", answer: ZDatasetList }, (ctx, { db }) => listDatasets(db, ctx));

export const POST = projectRoute({ auth: "session", scope: "datasets:write", body: ZDatasetCreate, answer: ZDataset, status: 201 }, (ctx, { body, db }) =>
  createDataset(db, ctx, body),
);
