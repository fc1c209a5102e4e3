import type { ApiDocs } from "@/lib/http/openapi-parts";
import { ZEstimate, ZPreview, ZPreviewRequest, ZRun, ZRunItem, ZRunStart } from "./schemas";

// The words of the judge preview and run operations of the OpenAPI document (lib/http/openapi.ts);
// their parameters and answers come from the routes' schemas.

const judge = { name: "The judge's name" };
const run = { ...judge, runId: "The run's id" };

export const judgeRunDocs: ApiDocs = {
  requests: { PreviewRequest: ZPreviewRequest, RunStart: ZRunStart },
  answers: { Preview: ZPreview, Run: ZRun, RunItem: ZRunItem, RunEstimate: ZEstimate },
  operations: {
    "post /api/v1/judges/{name}/preview": {
      summary: "The prompt a version would send for one trace (or pairwise queue item), rendered and never sent",
      description:
        "`version` is a published number or `draft`; `traceId` is the trace's own (external) id. 422 `template_invalid` names the line and column; 422 `missing_values` names the variables the target has no value for.",
      params: judge,
    },
    "get /api/v1/judges/{name}/runs": { summary: "The judge's runs, newest first (the last 100)", params: judge },
    "post /api/v1/judges/{name}/runs": {
      summary: "Start a run of a published version on a queue, an explorer selection or a dataset version (ENGINEER, ADMIN or FULL key)",
      description:
        "Targets this version already judged are left out unless `rerun` is true (the new result then supersedes the old, and the score gets a new revision). With `dryRun` the answer is the estimate only: targets, calls, tokens (characters / 4) and cost. With `spendCap` (USD) the run stops with status CAPPED before a call that would spend past it. An archived judge starts no run (409 `judge_archived`).",
      params: judge,
    },
    "get /api/v1/judges/{name}/runs/{runId}": { summary: "A run: status, counts per item status, tokens, cost, rate and ETA", params: run },
    "get /api/v1/judges/{name}/runs/{runId}/items": {
      summary: "A run's items, a page at a time (`status=ERROR` for its errors, each with its code and message)",
      params: run,
    },
    "post /api/v1/judges/{name}/runs/{runId}/cancel": {
      summary: "Cancel a run: nothing more is claimed; calls in flight finish and may still be stored (409 when it already finished)",
      params: run,
    },
  },
};
