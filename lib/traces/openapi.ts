import { auditPaths } from "../audit/openapi";
import { SCOPES } from "../auth/scopes";
import { errors, jsonBody, jsonResponse, pathParam, problem, problemSchema, queryParams, schema } from "../http/openapi-parts";
import { queuePaths, queueSchemas } from "../queues/openapi";
import { ZScoreBatchDoc } from "../scores/schemas";
import { LIMITS } from "./limits";
import { ZDeleteReason, ZItemResult, ZRetentionUpdate, ZTraceBatchDoc, ZTraceFilter, ZTracePage } from "./schemas";

// The OpenAPI document of the public API, generated from the zod schemas that validate the
// requests, so the two cannot drift apart. Queue and label paths live in lib/queues/openapi.ts.

const batchResponse = {
  description: "One result per item, in order",
  content: { "application/json": { schema: { type: "object", properties: { results: { type: "array", items: { $ref: "#/components/schemas/ItemResult" } }, accepted: { type: "integer" }, rejected: { type: "integer" } } } } },
};
const traceRef = pathParam("traceRef", "The trace's external id");
const deleted = (description: string) => jsonResponse(description, { type: "object", required: ["deleted"], properties: { deleted: { type: "integer" } } });

export function openApiDocument() {
  return {
    openapi: "3.1.0",
    info: { title: "Assay public API", version: "1", description: "Traces in, scores in, traces out, annotation queues and their labels. Authenticate with `Authorization: Bearer <project API key>`." },
    components: {
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "A project API key (INGEST or FULL)" } },
      schemas: {
        TraceBatch: schema(ZTraceBatchDoc),
        ScoreBatch: schema(ZScoreBatchDoc),
        ItemResult: schema(ZItemResult),
        RetentionUpdate: schema(ZRetentionUpdate),
        ...queueSchemas,
        Problem: problemSchema,
      },
    },
    security: [{ apiKey: [] }],
    paths: {
      "/api/v1/project": {
        get: {
          summary: "The key's project and what the key may do (FULL key)",
          responses: {
            "200": jsonResponse("`{ project, scopes }`", {
              type: "object",
              required: ["project", "scopes"],
              properties: {
                project: { type: "object", required: ["id", "slug", "name"], properties: { id: { type: "string", format: "uuid" }, slug: { type: "string" }, name: { type: "string" } } },
                scopes: { type: "array", items: { enum: [...SCOPES] } },
              },
            }),
            "401": errors["401"],
            "403": errors["403"],
          },
        },
      },
      "/api/v1/traces": {
        post: {
          summary: `Send up to ${LIMITS.batchItems} traces (INGEST or FULL key)`,
          requestBody: jsonBody("TraceBatch"),
          responses: { "207": batchResponse, "413": { ...problem, description: "`payload_too_large` (body over 10 MiB) or `batch_too_large`" }, ...errors },
        },
        get: { summary: "List traces, newest first, keyset-paged (FULL key)", parameters: [...queryParams(ZTraceFilter), ...queryParams(ZTracePage)], responses: { "200": { description: "`{ items, nextCursor }`: previews of each trace, newest first" }, ...errors } },
      },
      "/api/v1/traces/{traceRef}": {
        get: { summary: "One trace with its spans and scores (FULL key)", parameters: [traceRef], responses: { "200": { description: "`{ trace }`" }, "404": problem, "401": errors["401"], "403": errors["403"] } },
        delete: { summary: "Delete a trace, its spans and its labels (FULL key)", parameters: [traceRef, ...queryParams(ZDeleteReason)], responses: { "200": deleted("`{ deleted: 1 }`"), "404": problem, ...errors } },
      },
      "/api/v1/end-users/{endUser}/traces": {
        delete: {
          summary: "Delete every trace of one end user: a data-subject request (FULL key)",
          parameters: [pathParam("endUser", "The end user's id, as sent in a trace's `userId`"), ...queryParams(ZDeleteReason)],
          responses: { "200": deleted("`{ deleted: n }`"), ...errors },
        },
      },
      "/api/v1/scores": {
        post: {
          summary: "Send up to 1,000 scores (INGEST or FULL key)",
          requestBody: jsonBody("ScoreBatch"),
          responses: { "207": batchResponse, ...errors },
        },
      },
      ...queuePaths,
      ...auditPaths,
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
