import { type ApiDocs, problemFor } from "@/lib/http/openapi-parts";
import { ZScoreBatchDoc } from "@/lib/scores/schemas";
import { ZBatchAnswer, ZTraceAnswer, ZTraceListAnswer } from "./answers";
import { LIMITS } from "./limits";
import { ZTraceBatchDoc } from "./schemas";

// The words of the trace and score operations of the OpenAPI document (lib/http/openapi.ts);
// their parameters, bodies and answers come from the routes' schemas.

const traceRef = { traceRef: "The trace's external id" };
const noTrace = { "404": problemFor("No trace of that id in the key's project (`not_found`)") };

export const traceDocs: ApiDocs = {
  requests: { TraceBatch: ZTraceBatchDoc, ScoreBatch: ZScoreBatchDoc },
  answers: { BatchResult: ZBatchAnswer, TracePage: ZTraceListAnswer, TraceDetail: ZTraceAnswer },
  operations: {
    "get /api/v1/project": { summary: "The key's project and what the key may do (FULL key)" },
    "post /api/v1/traces": {
      summary: `Send up to ${LIMITS.batchItems} traces (INGEST or FULL key)`,
      body: ZTraceBatchDoc,
      answers: "One result per item, in order",
      responses: { "413": problemFor("`payload_too_large` (body over 10 MiB) or `batch_too_large`") },
    },
    "get /api/v1/traces": {
      summary: "List traces, newest first, keyset-paged (FULL key)",
      answers: "Previews of each trace, newest first, and the next page's cursor",
    },
    "get /api/v1/traces/{traceRef}": { summary: "One trace with its spans and scores (FULL key)", params: traceRef, responses: noTrace },
    "delete /api/v1/traces/{traceRef}": {
      summary: "Delete a trace, its spans and its labels (FULL key)",
      params: traceRef,
      answers: "`{ deleted: 1 }`",
      responses: noTrace,
    },
    "delete /api/v1/end-users/{endUser}/traces": {
      summary: "Delete every trace of one end user: a data-subject request (FULL key)",
      params: { endUser: "The end user's id, as sent in a trace's `userId`" },
      answers: "`{ deleted: n }`",
    },
    "post /api/v1/scores": { summary: "Send up to 1,000 scores (INGEST or FULL key)", body: ZScoreBatchDoc, answers: "One result per item, in order" },
  },
  paths: {
    "/api/otel/v1/traces": {
      post: {
        summary: "OTLP/HTTP trace export (protobuf or JSON, gzip or not)",
        requestBody: { required: true, content: { "application/x-protobuf": {}, "application/json": {} } },
        responses: {
          "200": { description: "ExportTraceServiceResponse, with partialSuccess when spans were refused" },
          "400": { description: "A google.rpc.Status" },
          "413": { description: "Over 20 MiB after decompression" },
        },
      },
    },
  },
};
