import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ContentChecksum, type TItemContent, contentChecksum } from "./content";

const item = (portableId: string, extra: Partial<TItemContent> = {}): TItemContent => ({
  portableId,
  input: { b: 2, a: "x" },
  expectedOutput: [1e21, 1e-7, 100, 0.1],
  preference: null,
  metadata: {},
  splits: ["test", "dev"],
  tags: [],
  exact: false,
  lineage: null,
  ...extra,
});

const A = "00000000-0000-4000-8000-00000000000a";
const B = "00000000-0000-4000-8000-00000000000b";

describe("content checksum", () => {
  it("is SHA-256 over RFC 8785 canonical JSON: keys sorted, ES number forms, no whitespace (RFC 8785 §3.2.2.3, §3.2.3)", () => {
    // Written out by hand from the RFC's rules, not by the library under test.
    const canonical =
      `[{"exact":false,"expectedOutput":[1e+21,1e-7,100,0.1],"input":{"a":"x","b":2},"lineage":null,"metadata":{},` +
      `"portableId":"${A}","preference":null,"splits":["dev","test"],"tags":[]}]`;
    const expected = `sha256:${createHash("sha256").update(canonical).digest("hex")}`;
    expect(contentChecksum([item(A)])).toBe(expected);
  });

  it("does not depend on the order of items, splits or tags, and does depend on content", () => {
    const one = [item(A, { tags: ["x", "y"] }), item(B)];
    const two = [item(B, { splits: ["dev", "test"] }), item(A, { tags: ["y", "x"] })];
    expect(contentChecksum(one)).toBe(contentChecksum(two));
    expect(contentChecksum([item(A), item(B, { expectedOutput: "changed" })])).not.toBe(contentChecksum([item(A), item(B)]));
    expect(contentChecksum([item(A)])).not.toBe(contentChecksum([item(A), item(B)]));
  });

  it("gives the same checksum streamed one item at a time, and refuses items out of order", () => {
    const streamed = new ContentChecksum();
    streamed.add(item(A));
    streamed.add(item(B));
    expect(streamed.digest()).toBe(contentChecksum([item(B), item(A)]));
    const wrong = new ContentChecksum();
    wrong.add(item(B));
    expect(() => wrong.add(item(A))).toThrow(/ascending portable id/);
  });
});
