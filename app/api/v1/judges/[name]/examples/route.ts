import { projectRoute } from "@/lib/http/handler";
import { ZExampleAdd, ZExampleList, ZExampleQuery, ZExamplesAdded } from "@/lib/judge-calibration/schemas";
import { addExamples, downloadCalibration, listCalibration } from "@/lib/judge-calibration/service";

/** The judge's calibration set, as JSON or (`format=jsonl`) a download. */
export const GET = projectRoute({ auth: "apiKey", scope: "judges:read", query: ZExampleQuery, answer: ZExampleList }, (ctx, { params, query, db }) =>
  query.format === "jsonl" ? downloadCalibration(db, ctx, params.name) : listCalibration(db, ctx, params.name),
);

export const POST = projectRoute(
  { auth: "apiKey", scope: "judges:manage", body: ZExampleAdd, answer: ZExamplesAdded, status: 201 },
  (ctx, { params, body, db }) => addExamples(db, ctx, params.name, body),
);
