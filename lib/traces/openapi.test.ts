import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";

describe("the OpenAPI document", () => {
  const doc = JSON.parse(JSON.stringify(openApiDocument()));

  it("describes the trace batch from the schema that validates it", () => {
    const batch = doc.components.schemas.TraceBatch;
    expect(batch.properties.traces.maxItems).toBe(1000);
    const trace = batch.properties.traces.items;
    expect(Object.keys(trace.properties)).toEqual(expect.arrayContaining(["id", "name", "input", "output", "metadata", "tags", "sessionId", "userId", "release", "promptVersion", "startTime", "endTime", "spans"]));
    expect(trace.properties.spans.items.properties.type.enum).toEqual(["LLM", "RETRIEVAL", "TOOL", "CHAIN", "EMBEDDING", "GUARDRAIL", "OTHER"]);
    // Timestamps: an ISO string with offset or epoch milliseconds.
    expect(trace.properties.startTime.anyOf.map((s: { type: string }) => s.type).sort()).toEqual(["integer", "string"]);
  });

  it("lists every public path, with the list filters as query parameters", () => {
    expect(Object.keys(doc.paths).sort()).toEqual(["/api/otel/v1/traces", "/api/v1/end-users/{userId}/traces", "/api/v1/queues/{queueId}", "/api/v1/scores", "/api/v1/traces", "/api/v1/traces/{externalId}"]);
    const names = doc.paths["/api/v1/traces"].get.parameters.map((p: { name: string }) => p.name);
    expect(names).toEqual(expect.arrayContaining(["from", "to", "name", "tags", "release", "promptVersion", "sessionId", "userId", "metaKey", "metaValue", "model", "scoreName", "scoreValue", "q", "cursor", "limit"]));
    expect(doc.components.schemas.ScoreBatch.properties.scores.items.properties.source.enum).toEqual(["END_USER", "LLM_JUDGE", "CODE", "HUMAN"]);
  });

  it("describes the queue change from the schema that validates it", () => {
    const update = doc.components.schemas.QueueUpdate;
    expect(Object.keys(update.properties).sort()).toEqual(["blind", "instructions", "name", "ordering", "overlap", "status"]);
    expect(update.required ?? []).toEqual([]);
    expect(update.properties.ordering.oneOf ?? update.properties.ordering.anyOf).toHaveLength(3);
    expect(doc.paths["/api/v1/queues/{queueId}"].patch.requestBody.content["application/json"].schema.$ref).toBe("#/components/schemas/QueueUpdate");
  });
});
