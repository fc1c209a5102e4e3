import { describe, expect, it } from "vitest";
import { routePattern } from "./observe";

// Outside Next.js (a handler called directly) the pattern is rebuilt from the path's parameters.
describe("a request's route pattern", () => {
  const queueId = "0f8fad5b-d9cb-469f-a165-70867728950e";

  it("names each path parameter instead of its value", () => {
    expect(routePattern(`/api/v1/queues/${queueId}/claim`, { queueId })).toBe("/api/v1/queues/[queueId]/claim");
    expect(
      routePattern(`/api/projects/demo/queues/${queueId}/items/${queueId.replace("0f", "aa")}`, {
        project: "demo",
        queueId,
        itemId: queueId.replace("0f", "aa"),
      }),
    ).toBe("/api/projects/[project]/queues/[queueId]/items/[itemId]");
  });

  it("matches parameters left to right, so a value equal to a later fixed word is still found in its place", () => {
    expect(routePattern(`/api/projects/queues/queues/${queueId}`, { project: "queues", queueId })).toBe("/api/projects/[project]/queues/[queueId]");
  });

  it("compares decoded segments and names a catch-all by its parts", () => {
    expect(routePattern("/api/v1/traces/a%20b%2Fc", { traceRef: "a b/c" })).toBe("/api/v1/traces/[traceRef]");
    expect(routePattern("/api/auth/callback/github", { nextauth: "callback/github" })).toBe("/api/auth/[...nextauth]");
  });

  it("keeps a path without parameters as it is", () => {
    expect(routePattern("/api/health", {})).toBe("/api/health");
  });
});
