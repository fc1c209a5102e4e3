import { describe, expect, it } from "vitest";
import { decodeTraceCursor, encodeTraceCursor } from "./cursor";

describe("trace cursors", () => {
  it("round-trips a position to the millisecond", () => {
    const position = { startTime: new Date("2026-10-01T08:00:00.123Z"), id: "0b7e8c4e-58a4-4c1e-9d1a-7a1f0c2e9b11" };
    expect(decodeTraceCursor(encodeTraceCursor(position))).toEqual(position);
  });

  it("refuses anything this server did not make", () => {
    for (const raw of [
      "",
      "abc",
      Buffer.from('["not a date","0b7e8c4e-58a4-4c1e-9d1a-7a1f0c2e9b11"]').toString("base64url"),
      Buffer.from('["2026-10-01T08:00:00Z","1; DROP TABLE"]').toString("base64url"),
    ]) {
      expect(() => decodeTraceCursor(raw), raw).toThrow(expect.objectContaining({ code: "validation_failed" }));
    }
  });
});
