import { type ApiDocs, problemFor } from "@/lib/http/openapi-parts";
import { ZGold } from "./answers";
import { ZReferenceGold } from "./schemas";

// The words of the gold operations of the OpenAPI document (lib/http/openapi.ts).

export const goldDocs: ApiDocs = {
  requests: { ReferenceGold: ZReferenceGold },
  answers: { Gold: ZGold },
  operations: {
    "post /api/v1/queues/{queueId}/gold": {
      summary: "Send reference gold for queue items, per criterion (FULL key); stored apart from the raters' labels and marked REFERENCE",
      description:
        "Up to 1,000 per call, all or nothing. Sending gold again for the same item, side and criterion appends a revision. When reading the label of an item, adjudicated gold wins over reference gold, which wins over the raters' consensus.",
      answers: "The gold written, one per entry, in order",
      responses: {
        "422": problemFor(
          "A field does not match its schema, an item is not in the queue, the criterion is unknown (`criterion_not_found`) or the value does not fit it (`invalid_value`)",
        ),
      },
    },
  },
};
