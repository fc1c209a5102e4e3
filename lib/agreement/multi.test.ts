import { describe, expect, it } from "vitest";
import { multiAgreement } from "./multi";

describe("multi-select agreement", () => {
  // Two raters, options a and b:  item 1: {a} vs {a, b};  item 2: {} vs {b};  item 3: {a, b} vs {a, b}.
  const ratings = [
    { item: "1", rater: "R", value: ["a"] },
    { item: "1", rater: "S", value: ["a", "b"] },
    { item: "2", rater: "R", value: [] },
    { item: "2", rater: "S", value: ["b"] },
    { item: "3", rater: "R", value: ["a", "b"] },
    { item: "3", rater: "S", value: ["a", "b"] },
    { item: "4", rater: "R", value: null },
  ];

  it("gives α nominal per option and names the lowest as the criterion's figure", () => {
    const result = multiAgreement(ratings, ["a", "b"]);
    // a: yes/yes, no/no, yes/yes: perfect agreement.
    expect(result.perOption[0].alpha.value).toBeCloseTo(1, 12);
    // b: no/yes, no/yes, yes/yes. Coincidences o(no,yes) = o(yes,no) = 2, o(yes,yes) = 2; n_no = 2, n_yes = 4, n.. = 6.
    // α = 1 − (n.. − 1)·Σ_{c≠k} o_ck / (n..² − Σ n_c²) = 1 − 5·4/(36 − 4 − 16) = −0.25.
    expect(result.perOption[1].alpha.value).toBeCloseTo(-0.25, 12);
    expect(result.lowest).toEqual({ option: "b", value: expect.closeTo(-0.25, 12) });
  });

  it("gives Jaccard per pair of raters: the mean over shared items of |A ∩ B| / |A ∪ B|, two empty selections agreeing", () => {
    // Items 1, 2, 3: 1/2, 0/1, 2/2; item 4 has one rating and is not shared.
    expect(multiAgreement(ratings, ["a", "b"]).pairs).toEqual([{ a: "R", b: "S", n: 3, jaccard: { value: expect.closeTo(0.5, 12) } }]);
    const bothEmpty = multiAgreement(
      [
        { item: "1", rater: "R", value: [] },
        { item: "1", rater: "S", value: [] },
      ],
      ["a"],
    );
    expect(bothEmpty.pairs[0].jaccard.value).toBe(1);
    expect(bothEmpty.lowest).toEqual({ option: null, value: null, reason: "undefined: all values identical" });
  });

  it("rejects an option that is not declared, naming the rating", () => {
    expect(() => multiAgreement([{ item: "1", rater: "R", value: ["c"] }], ["a", "b"])).toThrow(
      expect.objectContaining({ index: 0, message: '"c" is not one of the declared options' }),
    );
  });
});
