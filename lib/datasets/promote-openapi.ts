import { type ApiDocs, problemFor } from "@/lib/http/openapi-parts";
import { ZPromotionApply, ZPromotionPreview, ZPromotionPreviewRequest, ZPromotionResult, ZTracesToDataset, ZTracesToDatasetResult } from "./promote-schemas";

// The words of the promotion and trace-selection operations of the OpenAPI document (lib/http/openapi.ts).

const dataset = { datasetId: "The dataset's id" };
const RULE =
  "A rule names a queue, conditions on the label of each completed item (adjudicated gold, else reference gold, else the raters' consensus) and where the expected output comes from: the trace's output, or a CORRECTION or TEXT criterion (its gold; else the trace's output when every rater left the correction as it started; else the text every rater wrote alike). Pairwise items become preference pairs.";

export const promotionDocs: ApiDocs = {
  requests: { DatasetPromotionPreview: ZPromotionPreviewRequest, DatasetPromotion: ZPromotionApply, DatasetTracesAdd: ZTracesToDataset },
  answers: { DatasetPromotionPreview: ZPromotionPreview, DatasetPromotionResult: ZPromotionResult, DatasetTracesAddResult: ZTracesToDatasetResult },
  operations: {
    "post /api/v1/datasets/{datasetId}/promote/preview": {
      summary: "What a promotion rule selects from a queue, what it skips and why, and the agreement gate's verdict; nothing is added (FULL key)",
      description: RULE,
      params: dataset,
    },
    "post /api/v1/datasets/{datasetId}/promote": {
      summary: "Add what a promotion rule selects, behind the agreement gate (FULL key)",
      description: `${RULE} The gate passes when Krippendorff's α over the whole queue (MULTI: the lowest per-option α) of every criterion the rule reads is at or above the project's tentative threshold; free text is exempt. Each item's lineage keeps the labels with their provenance, the rule and the verdict.`,
      params: dataset,
      responses: {
        "409": problemFor("`agreement_gate`: `errors` names each failing criterion with its α and the threshold. Only an ADMIN key may send `override`."),
      },
    },
    "post /api/v1/datasets/{datasetId}/from-traces": {
      summary: "Add traces, by id or all a filter matches now: input, output as expected output, retrieved context in metadata (FULL key)",
      description:
        "Up to 10,000 traces. Each trace's result names it: added, a duplicate of an item with the same normalized input, or rejected. Ids outside the project are counted as missing.",
      params: dataset,
      answers: "207: one result per trace found, in order",
    },
  },
};
