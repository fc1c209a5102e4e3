import { describe, expect, it } from "vitest";
import { formatUtc } from "./time";

describe("formatUtc", () => {
  it("shows the same UTC text for a Date and its ISO string, whatever the precision", () => {
    const at = new Date("2026-10-01T23:59:58.123+02:00");
    expect(formatUtc(at)).toBe("2026-10-01 21:59 UTC");
    expect(formatUtc(at.toISOString(), "day")).toBe("2026-10-01");
    expect(formatUtc(at, "second")).toBe("2026-10-01 21:59:58 UTC");
    expect(formatUtc(at, "millisecond")).toBe("2026-10-01 21:59:58.123 UTC");
  });
});
