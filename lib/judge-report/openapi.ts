import type { ApiDocs } from "@/lib/http/openapi-parts";
import { ZExampleAdd, ZExampleList, ZExamplesAdded } from "@/lib/judge-calibration/schemas";
import { ZExternalJudges, ZJudgeAgreement } from "./schemas";

// The words of the judge report and calibration set operations of the OpenAPI document
// (lib/http/openapi.ts); their parameters and answers come from the routes' schemas.

const judge = { name: "The judge's name, or `external:<rater name>` (the colon may be sent as `%3A`) for an external judge" };

export const judgeReportDocs: ApiDocs = {
  requests: { CalibrationExamplesAdd: ZExampleAdd },
  answers: { JudgeAgreement: ZJudgeAgreement, ExternalJudges: ZExternalJudges, CalibrationSet: ZExampleList, CalibrationExamplesAdded: ZExamplesAdded },
  operations: {
    "get /api/v1/judges/{name}/agreement": {
      summary: "A judge version held against people on its criterion (FULL key)",
      description:
        "On the items with both the judge's current result and a human reference (the policy in `reference`): accuracy, Cohen's κ with a 95% item-bootstrap interval, for ordered criteria quadratic-weighted κ, Spearman's ρ, mean absolute error, exact and within-one agreement and bias; a confusion matrix and per-class precision and recall; the human ceiling (the judge's mean κ with each rater beside the raters' mean κ with each other, first revisions, same items); the items where judge and people differ most. The version's calibration examples are left out and counted (`heldOutExcluded`). Under the project's minimum of comparable items every figure is null with `reason` \"insufficient data: …\". `against` compares two versions on the items both rated, held out from both. See docs/judges.md#held-against-people.",
      params: judge,
    },
    "get /api/v1/external-judges": {
      summary: "External judges seen in the project: raters of LLM_JUDGE and CODE scores with a rubric reference (FULL key)",
      description: "Each is reported as `external:<name>`, with the rater versions and criteria seen and how many current scores it gave.",
    },
    "get /api/v1/judges/{name}/examples": {
      summary: "A judge's calibration set, as JSON or as a JSONL download (`format=jsonl`) (FULL key)",
      description:
        "JSONL: one line per example with `inputs`, `outputs` (`{output_a, output_b}` for a pairwise judge), `expectations` (`{<criterion key>: human value}`), `human_value`, `note`, `judge_value` and `judge_rationale`, the shape MLflow's judge alignment and DSPy examples load (docs/judges.md#calibration-sets).",
      params: judge,
      responses: {
        "200": {
          description: "The set; with `format=jsonl`, an attachment `<judge>-calibration.jsonl`",
          content: { "application/json": { schema: { $ref: "#/components/schemas/CalibrationSet" } }, "application/x-ndjson": { schema: { type: "string" } } },
        },
      },
    },
    "post /api/v1/judges/{name}/examples": {
      summary: "Add items to a judge's calibration set, with the human value and a note (FULL key)",
      description:
        "`target` is the trace (single-trace judges) or queue item (pairwise judges) as the agreement report's disagreement list names it. The input and output(s) are copied from the trace(s), the judge's value and rationale from the version's current result. Audited.",
      params: judge,
    },
    "delete /api/v1/judges/{name}/examples/{exampleId}": {
      summary: "Remove an example from the calibration set (FULL key); versions that show it keep it",
      params: { ...judge, exampleId: "The example's id" },
    },
  },
};
