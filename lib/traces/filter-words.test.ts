import { describe, expect, it } from "vitest";
import { filterWords } from "./filter-words";

describe("filterWords", () => {
  it("says every trace when nothing filters, blank fields included", () => {
    expect(filterWords({})).toBe("every trace");
    expect(filterWords({ name: "  ", tags: "" })).toBe("every trace");
  });

  it("names each field in the URL's order, pairs a metadata key with its value and a score with its value", () => {
    expect(
      filterWords({ scoreName: "helpfulness", scoreValue: "4", metaValue: "pro", metaKey: "plan", tags: "billing, escalated", q: "refund -shipping" }),
    ).toBe('text "refund -shipping", tags "billing, escalated", metadata plan = "pro", score helpfulness = "4"');
  });

  it("writes a time range in UTC and a score without a value as having it", () => {
    expect(filterWords({ from: "2026-11-01T09:30", to: "2026-11-02T00:00", scoreName: "thumbs" })).toBe(
      "from 2026-11-01 09:30 UTC, to 2026-11-02 00:00 UTC, has score thumbs",
    );
  });
});
