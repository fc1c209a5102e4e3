import { describe, expect, it } from "vitest";
import { ZQueueSelection, ZTraceListQuery } from "./schemas";

describe("the trace filter", () => {
  it("treats empty URL fields as no filter and reads tags from one comma-separated field", () => {
    const parsed = ZTraceListQuery.parse({ q: "", name: " ", tags: "billing, escalated,", limit: "" });
    expect(parsed.q).toBeUndefined();
    expect(parsed.name).toBeUndefined();
    expect(parsed.tags).toEqual(["billing", "escalated"]);
    expect(parsed.limit).toBe(50);
  });

  it("reads a datetime-local value as UTC and keeps an explicit offset", () => {
    expect(ZTraceListQuery.parse({ from: "2026-10-01T08:00" }).from?.toISOString()).toBe("2026-10-01T08:00:00.000Z");
    expect(ZTraceListQuery.parse({ to: "2026-10-01T10:00:00+02:00" }).to?.toISOString()).toBe("2026-10-01T08:00:00.000Z");
  });

  it("refuses half a metadata or score filter, a reversed range and a page too large", () => {
    for (const query of [
      { metaKey: "k" },
      { metaValue: "v" },
      { scoreValue: "1" },
      { from: "2026-10-02T00:00Z", to: "2026-10-01T00:00Z" },
      { limit: "201" },
      { from: "yesterday" },
    ]) {
      expect(ZTraceListQuery.safeParse(query).success, JSON.stringify(query)).toBe(false);
    }
  });

  it("takes a selection as explicit ids or as a filter, not both", () => {
    expect(ZQueueSelection.safeParse({ traceIds: ["0b7e8c4e-58a4-4c1e-9d1a-7a1f0c2e9b11"] }).success).toBe(true);
    expect(ZQueueSelection.safeParse({ filter: { tags: "billing" } }).success).toBe(true);
    expect(ZQueueSelection.safeParse({ traceIds: [] }).success).toBe(false);
    expect(ZQueueSelection.safeParse({ traceIds: ["x"], filter: {} }).success).toBe(false);
  });
});
