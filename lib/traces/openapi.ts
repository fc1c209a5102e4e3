import { type ZodType, z } from "zod";
import { ZQueueUpdate } from "../queues/schemas";
import { ZScoreBatchDoc } from "../scores/schemas";
import { LIMITS } from "./limits";
import { ZDeleteReason, ZItemResult, ZRetentionUpdate, ZTraceBatchDoc, ZTraceFilter, ZTracePage } from "./schemas";

// The OpenAPI document of the public API, generated from the zod schemas that validate the
// requests, so the two cannot drift apart.

const schema = (s: ZodType) => z.toJSONSchema(s, { io: "input", unrepresentable: "any" });

function queryParams(s: z.ZodObject) {
  return Object.entries(s.shape).map(([name, field]) => {
    const { description, ...rest } = schema(field as ZodType) as Record<string, unknown>;
    return { name, in: "query", required: !(field as ZodType).safeParse(undefined).success, ...(description ? { description } : {}), schema: rest };
  });
}

const problem = { description: "An RFC 9457 problem with a stable `code`", content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } };
const errors = {
  "401": { ...problem, description: "No key, or an unknown or revoked key (`unauthenticated`)" },
  "403": { ...problem, description: "The key's scope lacks the permission (`forbidden`)" },
  "422": { ...problem, description: "The request does not match its schema (`validation_failed`)" },
};
const batchResponse = {
  description: "One result per item, in order",
  content: { "application/json": { schema: { type: "object", properties: { results: { type: "array", items: { $ref: "#/components/schemas/ItemResult" } }, accepted: { type: "integer" }, rejected: { type: "integer" } } } } },
};
const queueRef = { name: "queueId", in: "path", required: true, schema: { type: "string", format: "uuid" } };
const traceRef = { name: "externalId", in: "path", required: true, schema: { type: "string" }, description: "The trace's external id" };

export function openApiDocument() {
  return {
    openapi: "3.1.0",
    info: { title: "Assay public API", version: "1", description: "Traces in, scores in, traces out. Authenticate with `Authorization: Bearer <project API key>`." },
    components: {
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "A project API key (INGEST or FULL)" } },
      schemas: {
        TraceBatch: schema(ZTraceBatchDoc),
        ScoreBatch: schema(ZScoreBatchDoc),
        ItemResult: schema(ZItemResult),
        RetentionUpdate: schema(ZRetentionUpdate),
        QueueUpdate: schema(ZQueueUpdate),
        Problem: { type: "object", required: ["type", "title", "status", "code", "detail"], properties: { type: { type: "string" }, title: { type: "string" }, status: { type: "integer" }, code: { type: "string" }, detail: { type: "string" }, errors: { type: "array", items: { type: "object", properties: { path: { type: "string" }, message: { type: "string" } } } } } },
      },
    },
    security: [{ apiKey: [] }],
    paths: {
      "/api/v1/traces": {
        post: {
          summary: `Send up to ${LIMITS.batchItems} traces (INGEST or FULL key)`,
          requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/TraceBatch" } } } },
          responses: { "207": batchResponse, "413": { ...problem, description: "`payload_too_large` (body over 10 MiB) or `batch_too_large`" }, ...errors },
        },
        get: { summary: "List traces, newest first, keyset-paged (FULL key)", parameters: [...queryParams(ZTraceFilter), ...queryParams(ZTracePage)], responses: { "200": { description: "`{ items, nextCursor }`: previews of each trace, newest first" }, ...errors } },
      },
      "/api/v1/traces/{externalId}": {
        get: { summary: "One trace with its spans and scores (FULL key)", parameters: [traceRef], responses: { "200": { description: "`{ trace }`" }, "404": problem, ...errors } },
        delete: { summary: "Delete a trace, its spans and its labels (FULL key)", parameters: [traceRef, ...queryParams(ZDeleteReason)], responses: { "200": { description: "`{ deleted: 1 }`" }, "404": problem, ...errors } },
      },
      "/api/v1/end-users/{userId}/traces": {
        delete: {
          summary: "Delete every trace of one end user: a data-subject request (FULL key)",
          parameters: [{ name: "userId", in: "path", required: true, schema: { type: "string" } }, ...queryParams(ZDeleteReason)],
          responses: { "200": { description: "`{ deleted: n }`" }, ...errors },
        },
      },
      "/api/v1/scores": {
        post: {
          summary: "Send up to 1,000 scores (INGEST or FULL key)",
          requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/ScoreBatch" } } } },
          responses: { "207": batchResponse, ...errors },
        },
      },
      "/api/v1/queues/{queueId}": {
        patch: {
          summary: "Change a queue: name, instructions, blind mode, order, N or status (FULL key)",
          parameters: [queueRef],
          requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/QueueUpdate" } } } },
          responses: { "200": { description: "The queue after the change" }, "404": { ...problem, description: "No such queue in the key's project (`not_found`)" }, ...errors },
        },
      },
      "/api/otel/v1/traces": {
        post: {
          summary: "OTLP/HTTP trace export (protobuf or JSON, gzip or not)",
          requestBody: { required: true, content: { "application/x-protobuf": {}, "application/json": {} } },
          responses: { "200": { description: "ExportTraceServiceResponse, with partialSuccess when spans were refused" }, "400": { description: "A google.rpc.Status" }, "413": { description: "Over 20 MiB after decompression" } },
        },
      },
    },
  };
}
