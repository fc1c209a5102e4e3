import { describe, expect, it } from "vitest";
import { queueItemsFor, sentSentence } from "./to-queue";

const single = [
  { traceId: "t1", traceBId: null },
  { traceId: "t2", traceBId: null },
  { traceId: "t1", traceBId: null },
];
const pairs = [
  { traceId: "a1", traceBId: "b1" },
  { traceId: "a2", traceBId: "b2" },
];

describe("disagreements to a queue", () => {
  it("sends a single-trace report's traces once each to a single-response queue", () => {
    expect(queueItemsFor("single", single, "SINGLE")).toEqual({ body: { traceIds: ["t1", "t2"] } });
  });

  it("sends a pairwise report's items as pairs of trace A and B to a pairwise queue", () => {
    expect(queueItemsFor("pairwise", pairs, "PAIRWISE")).toEqual({
      body: {
        pairs: [
          { a: "a1", b: "b1" },
          { a: "a2", b: "b2" },
        ],
      },
    });
  });

  it("refuses a queue of the other shape, either way, with a reason", () => {
    expect(queueItemsFor("single", single, "PAIRWISE")).toEqual({ refusal: expect.stringMatching(/compares pairs of traces/) });
    expect(queueItemsFor("pairwise", pairs, "SINGLE")).toEqual({ refusal: expect.stringMatching(/pick a pairwise queue/) });
    expect(queueItemsFor("pairwise", [...pairs, { traceId: "a3", traceBId: null }], "PAIRWISE")).toEqual({ refusal: expect.any(String) });
  });

  it("says what was added, what was already there and what is gone", () => {
    expect(sentSentence({ added: 3, duplicates: [{}], missing: [] })).toBe("Added 3, 1 already in the queue.");
    expect(sentSentence({ added: 0, duplicates: [{}, {}], missing: [{}] })).toBe("Added 0, 2 already in the queue, 1 no longer exist.");
    expect(sentSentence({ added: 2, duplicates: [], missing: [] })).toBe("Added 2.");
  });
});
