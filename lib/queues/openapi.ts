import { QueueMode, QueueStatus, ScoreDataType } from "../db/generated/enums";
import { bodyErrors, errors, jsonBody, jsonResponse, pathParam, problemFor, queryParams, schema } from "../http/openapi-parts";
import { ZAnnotationsQuery, ZExportQuery, ZItemsAdd, ZMembersAdd, ZOrdering, ZOrderingUpdate, ZQueueCreate, ZQueueUpdate } from "./schemas";

// The queue and label paths of the public API's OpenAPI document. Requests are described by
// the zod schemas that validate them; answers by the shapes the services in this folder return.

const str = { type: "string" };
const int = { type: "integer" };
const uuid = { type: "string", format: "uuid" };
const time = { type: "string", format: "date-time" };
const orNull = (s: object) => ({ anyOf: [s, { type: "null" }] });
const object = (properties: Record<string, object>) => ({ type: "object", required: Object.keys(properties), properties });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const queue = object({
  projectId: uuid,
  id: uuid,
  name: str,
  instructions: str,
  rubricVersionId: uuid,
  mode: { enum: Object.values(QueueMode) },
  overlap: int,
  blind: { type: "boolean" },
  ordering: ref("Ordering"),
  status: { enum: Object.values(QueueStatus) },
  createdAt: time,
});

const annotation = object({
  id: uuid,
  queueItemId: uuid,
  traceId: uuid,
  traceBId: orNull(uuid),
  name: { ...str, description: "Criterion key; `key:A` / `key:B` for one side of a pairwise item" },
  criterionId: orNull(uuid),
  dataType: { enum: Object.values(ScoreDataType) },
  value: { description: "Typed by the criterion: boolean, number, text, a list of option values or a preference" },
  raterUserId: orNull(uuid),
  raterEmail: orNull(str),
  raterName: orNull(str),
  rubricVersionId: orNull(uuid),
  rubricVersion: orNull(int),
  leftSide: { enum: ["A", "B", null], description: "Pairwise: which trace was shown on the left" },
  claimedAt: orNull(time),
  submittedAt: orNull(time),
  createdAt: time,
  revision: int,
  isCurrent: { type: "boolean" },
  supersedesId: orNull(uuid),
});

const listed = object({ id: uuid, name: str, mode: { enum: Object.values(QueueMode) }, overlap: int, blind: { type: "boolean" }, status: { enum: ["ACTIVE", "PAUSED"] }, createdAt: time, assigned: { type: "boolean" }, items: int, completed: int });
const target = { type: "object", required: ["traceId"], properties: { traceId: uuid, traceBId: orNull(uuid) }, description: "`traceBId` on pairwise queues only" };
const progress = object({
  queue: object({ id: uuid, name: str, overlap: int, status: { enum: Object.values(QueueStatus) } }),
  totals: object({ items: int, completed: int, labels: int, labelsRemaining: int, inProgress: int, skipped: int, flagged: int }),
  raters: { type: "array", items: object({ userId: uuid, name: str, email: str, done: int, skipped: int, inProgress: int, remaining: int, medianSeconds: orNull({ type: "number" }) }) },
});

export const queueSchemas = {
  Ordering: schema(ZOrdering),
  QueueCreate: schema(ZQueueCreate),
  QueueUpdate: schema(ZQueueUpdate),
  ItemsAdd: schema(ZItemsAdd),
  MembersAdd: schema(ZMembersAdd),
  OrderingUpdate: schema(ZOrderingUpdate),
  Queue: queue,
  Annotation: annotation,
};

const queueId = pathParam("queueId");
const noQueue = { "404": problemFor("No such queue in the key's project (`not_found`)") };
const auth = { "401": errors["401"], "403": errors["403"] };

export const queuePaths = {
  "/api/v1/queues": {
    get: {
      summary: "The project's queues that are not archived, with item counts (FULL key)",
      responses: { "200": jsonResponse("`{ queues }`, newest first", object({ queues: { type: "array", items: listed } })), ...auth },
    },
    post: {
      summary: "Create a queue on a published rubric version, with its raters (FULL key)",
      requestBody: jsonBody("QueueCreate"),
      responses: {
        "201": jsonResponse("The queue, with the ids of its raters", { allOf: [ref("Queue"), object({ memberUserIds: { type: "array", items: uuid } })] }),
        ...bodyErrors,
        ...errors,
        "422": problemFor("A field does not match its schema, the rubric version is unknown or a draft, or a rater is not an active labeling member (`validation_failed`)"),
      },
    },
  },
  "/api/v1/queues/{queueId}": {
    patch: {
      summary: "Change a queue: name, instructions, blind mode, order, N or status (FULL key)",
      parameters: [queueId],
      requestBody: jsonBody("QueueUpdate"),
      responses: { "200": jsonResponse("The queue after the change", ref("Queue")), ...noQueue, ...bodyErrors, ...errors },
    },
  },
  "/api/v1/queues/{queueId}/items": {
    post: {
      summary: "Add up to 10,000 traces (single) or pairs (pairwise); an item already in the queue is reported, not added (FULL key)",
      parameters: [queueId],
      requestBody: jsonBody("ItemsAdd"),
      responses: {
        "200": jsonResponse(
          "How many items were added; the duplicates (already in the queue, or given twice) and the traces not in the project",
          object({ added: int, duplicates: { type: "array", items: target }, missing: { type: "array", items: target } }),
        ),
        ...noQueue,
        ...bodyErrors,
        "413": problemFor("The body is over 2 MiB (`payload_too_large`)"),
        ...errors,
        "422": problemFor("A field does not match its schema, or the items do not fit the queue's mode (`validation_failed`)"),
      },
    },
  },
  "/api/v1/queues/{queueId}/members": {
    post: {
      summary: "Assign raters: active members of the project other than VIEWERs (FULL key)",
      parameters: [queueId],
      requestBody: jsonBody("MembersAdd"),
      responses: {
        "200": jsonResponse("How many were newly assigned; those already assigned are skipped", object({ added: int })),
        ...noQueue,
        ...bodyErrors,
        ...errors,
        "422": problemFor("A field does not match its schema, or a user is not an active labeling member (`validation_failed`)"),
      },
    },
  },
  "/api/v1/queues/{queueId}/members/{userId}": {
    delete: {
      summary: "Unassign a rater: their leases are released at once, what they submitted stays (FULL key)",
      parameters: [queueId, pathParam("userId")],
      responses: {
        "200": jsonResponse("`releasedLeases`: items the rater held that are open to others again", object({ removed: { const: true }, releasedLeases: int })),
        "404": problemFor("No such queue, or the user is not assigned to it (`not_found`)"),
        ...auth,
      },
    },
  },
  "/api/v1/queues/{queueId}/ordering": {
    post: {
      summary: "Set a new order rule, or recompute the current one (e.g. after new end-user scores) (FULL key)",
      parameters: [queueId],
      requestBody: jsonBody("OrderingUpdate"),
      responses: { "200": jsonResponse("The rule now in force and how many items were reordered", object({ ordering: ref("Ordering"), items: int })), ...noQueue, ...bodyErrors, ...errors },
    },
  },
  "/api/v1/queues/{queueId}/progress": {
    get: {
      summary: "How far a queue is: totals, and per rater done, skipped, in progress, remaining and median seconds per item (FULL key)",
      parameters: [queueId],
      responses: { "200": jsonResponse("Totals and one row per rater", progress), ...noQueue, ...auth },
    },
  },
  "/api/v1/annotations": {
    get: {
      summary: "A queue's labels with their raters, rubric versions and revisions, a page at a time (FULL key)",
      parameters: queryParams(ZAnnotationsQuery),
      responses: {
        "200": jsonResponse("One page; follow `nextCursor` until it is null", object({ annotations: { type: "array", items: ref("Annotation") }, nextCursor: orNull(str) })),
        ...noQueue,
        ...errors,
      },
    },
  },
  "/api/v1/annotations/export": {
    get: {
      summary: "Every label of a queue as a streamed CSV or JSONL download (FULL key)",
      parameters: queryParams(ZExportQuery),
      responses: {
        "200": {
          description: "An attachment `labels-<queue>.<format>`: CSV with a header row (one column per Annotation field), or one Annotation per line",
          content: { "text/csv": { schema: str }, "application/x-ndjson": { schema: str } },
        },
        ...noQueue,
        ...errors,
      },
    },
  },
};
