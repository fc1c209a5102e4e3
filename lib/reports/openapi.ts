import type { ApiDocs } from "../http/openapi-parts";
import { ZAgreementReport } from "./answers";

// The words of the agreement operations of the OpenAPI document (lib/http/openapi.ts); their
// parameters and answers come from the routes' schemas.

export const reportDocs: ApiDocs = {
  answers: { AgreementReport: ZAgreementReport },
  operations: {
    "get /api/v1/queues/{queueId}/agreement": {
      summary: "The queue's agreement report, computed from the labels on request (FULL key)",
      description:
        "Per criterion: Krippendorff's α at the criterion's measurement level with a 95% item-bootstrap interval, Cohen's κ per pair of raters, Fleiss' κ, Gwet's AC1, percent agreement, each rater's value distribution, coverage, and the traffic light against the project's thresholds. Raters are the queue's experts and, for single-trace items, HUMAN scores sent with an external rater name on the same criterion. Statistics use each rater's first submitted revision.",
      answers: "The report; a figure that cannot be computed is null with its reason beside it",
    },
  },
};
