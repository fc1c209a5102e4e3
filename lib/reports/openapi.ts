import type { ApiDocs } from "@/lib/http/openapi-parts";
import { ZAgreementReport, ZConsensusAnswer } from "./answers";

// The words of the agreement operations of the OpenAPI document (lib/http/openapi.ts); their
// parameters and answers come from the routes' schemas.

export const reportDocs: ApiDocs = {
  answers: { AgreementReport: ZAgreementReport, Consensus: ZConsensusAnswer },
  operations: {
    "get /api/v1/queues/{queueId}/agreement": {
      summary: "The queue's agreement report, computed from the labels on request (FULL key)",
      description:
        "Per criterion: Krippendorff's α at the criterion's measurement level with a 95% item-bootstrap interval, Cohen's κ per pair of raters, Fleiss' κ, Gwet's AC1, percent agreement, each rater's value distribution, coverage, and the traffic light against the project's thresholds. Raters are the queue's experts and, for single-trace items, HUMAN scores sent with an external rater name on the same criterion. Statistics use each rater's first submitted revision.",
      answers: "The report; a figure that cannot be computed is null with its reason beside it",
    },
    "get /api/v1/queues/{queueId}/consensus": {
      summary: "The label of each completed item per criterion and how it was reached, paged by item id (FULL key)",
      description:
        "Computed on read: adjudicated gold, else reference gold, else the consensus of the raters' current labels under the queue's policy (unanimous; majority, where a tie has none; median on ordered levels; mean rounded to the step on interval levels; per-option majority for multi-select). Free text has a label only through adjudication. Paged, not streamed: follow `nextCursor` until it is null.",
      answers: "One page of completed items, by id",
    },
  },
};
