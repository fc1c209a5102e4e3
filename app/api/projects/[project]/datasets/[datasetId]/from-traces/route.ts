import { addTracesToDataset } from "@/lib/datasets/from-traces";
import { ZTracesToDataset, ZTracesToDatasetResult } from "@/lib/datasets/promote-schemas";
import { projectRoute } from "@/lib/http/handler";

// Items from the explorer: checked traces, or every trace a filter matches now.
export const POST = projectRoute(
  { auth: "session", scope: "datasets:write", body: ZTracesToDataset, answer: ZTracesToDatasetResult, status: 207 },
  (ctx, { params, body, db }) => addTracesToDataset(db, ctx, params.datasetId, body),
);
