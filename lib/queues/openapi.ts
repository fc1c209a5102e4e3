import { type ApiDocs, problemFor } from "@/lib/http/openapi-parts";
import { ZAnnotation, ZQueueAnswer } from "./answers";
import { ZItemsAdd, ZMembersAdd, ZOrderingUpdate, ZQueueCreate, ZQueueUpdate } from "./schemas";

// The words of the queue and label operations of the OpenAPI document (lib/http/openapi.ts);
// their parameters, bodies and answers come from the routes' schemas.

const noQueue = { "404": problemFor("No such queue in the key's project (`not_found`)") };
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

export const queueDocs: ApiDocs = {
  requests: { QueueCreate: ZQueueCreate, QueueUpdate: ZQueueUpdate, ItemsAdd: ZItemsAdd, MembersAdd: ZMembersAdd, OrderingUpdate: ZOrderingUpdate },
  answers: { Queue: ZQueueAnswer, Annotation: ZAnnotation },
  operations: {
    "get /api/v1/queues": { summary: "The project's queues that are not archived, with item counts (FULL key)", answers: "`{ queues }`, newest first" },
    "post /api/v1/queues": {
      summary: "Create a queue on a published rubric version, with its raters (FULL key)",
      answers: "The queue, with the ids of its raters",
      responses: {
        "422": problemFor(
          "A field does not match its schema, the rubric version is unknown or a draft, or a rater is not an active labeling member (`validation_failed`)",
        ),
      },
    },
    "patch /api/v1/queues/{queueId}": {
      summary: "Change a queue: name, instructions, blind mode, order, N or status (FULL key)",
      answers: "The queue after the change",
      responses: noQueue,
    },
    "post /api/v1/queues/{queueId}/items": {
      summary: "Add up to 10,000 traces (single) or pairs (pairwise); an item already in the queue is reported, not added (FULL key)",
      answers: "How many items were added; the duplicates (already in the queue, or given twice) and the traces not in the project",
      responses: {
        ...noQueue,
        "413": problemFor("The body is over 2 MiB (`payload_too_large`)"),
        "422": problemFor("A field does not match its schema, or the items do not fit the queue's mode (`validation_failed`)"),
      },
    },
    "post /api/v1/queues/{queueId}/members": {
      summary: "Assign raters: active members of the project other than VIEWERs (FULL key)",
      answers: "How many were newly assigned; those already assigned are skipped",
      responses: { ...noQueue, "422": problemFor("A field does not match its schema, or a user is not an active labeling member (`validation_failed`)") },
    },
    "delete /api/v1/queues/{queueId}/members/{userId}": {
      summary: "Unassign a rater: their leases are released at once, what they submitted stays (FULL key)",
      answers: "`releasedLeases`: items the rater held that are open to others again",
      responses: { "404": problemFor("No such queue, or the user is not assigned to it (`not_found`)") },
    },
    "post /api/v1/queues/{queueId}/ordering": {
      summary: "Set a new order rule, or recompute the current one (e.g. after new end-user scores) (FULL key)",
      answers: "The rule now in force and how many items were reordered",
      responses: noQueue,
    },
    "get /api/v1/queues/{queueId}/progress": {
      summary: "How far a queue is: totals, and per rater done, skipped, in progress, remaining and median seconds per item (FULL key)",
      answers: "Totals and one row per rater",
      responses: noQueue,
    },
    "get /api/v1/annotations": {
      summary: "A queue's labels with their raters, rubric versions and revisions, a page at a time (FULL key)",
      answers: "One page; follow `nextCursor` until it is null",
      responses: noQueue,
    },
    "get /api/v1/annotations/export": {
      summary: "Every label of a queue as a streamed CSV or JSONL download (FULL key)",
      responses: {
        // A stream, not one JSON value: the route returns the download itself.
        "200": {
          description: "An attachment `labels-<queue>.<format>`: CSV with a header row (one column per Annotation field), or one Annotation per line",
          content: { "text/csv": { schema: { type: "string" } }, "application/x-ndjson": { schema: ref("Annotation") } },
        },
        ...noQueue,
      },
    },
  },
};
