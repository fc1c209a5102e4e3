import { describe, expect, it } from "vitest";
import { tabulate } from "./data";
import { disagreementByItem } from "./disagreement";
import type { Rating } from "./types";

const rows = (table: [string, ...(string | null)[]][]): Rating[] =>
  table.flatMap(([item, ...values]) => values.map((value, i) => ({ item, rater: `r${i}`, value })));

describe("the per-item disagreement score", () => {
  it("nominal: 1 − agreeing pairs / all pairs of the item's ratings, most disagreement first", () => {
    const data = tabulate(
      rows([
        ["same", "x", "x", "x"],
        ["split", "x", "x", "y"],
        ["apart", "x", "y", "z"],
        ["single", "x", null, null],
      ]),
      { level: "nominal" },
    );
    // same: 3 of 3 pairs agree → 0; split: 1 of 3 → 2/3; apart: 0 of 3 → 1; single: no pair, not ranked.
    expect(disagreementByItem(data)).toEqual([
      { item: "apart", ratings: 3, score: 1 },
      { item: "split", ratings: 3, score: expect.closeTo(2 / 3, 12) },
      { item: "same", ratings: 3, score: 0 },
    ]);
  });

  it("ordinal: the item's share of observed disagreement, so a wide split outranks a narrow one", () => {
    const data = tabulate(
      rows([
        ["near", "low", "medium"],
        ["far", "low", "high"],
        ["agreed", "medium", "medium"],
      ]),
      { level: "ordinal", values: ["low", "medium", "high"] },
    );
    // Marginals n_low = 2, n_medium = 3, n_high = 1. δ²(low, medium) = (2 + 3 − 5/2)² = 6.25,
    // δ²(low, high) = (2 + 3 + 1 − 3/2)² = 20.25. Each item's Σ o·δ²: far 2·20.25 = 40.5, near 2·6.25 = 12.5,
    // agreed 0; of 53 in all.
    expect(disagreementByItem(data)).toEqual([
      { item: "far", ratings: 2, score: expect.closeTo(40.5 / 53, 12) },
      { item: "near", ratings: 2, score: expect.closeTo(12.5 / 53, 12) },
      { item: "agreed", ratings: 2, score: 0 },
    ]);
  });

  it("interval: shares under squared differences, all 0 when no item has any disagreement", () => {
    const data = tabulate(
      rows([
        ["a", "1", "4"],
        ["b", "2", "3"],
      ]).map((r) => ({ ...r, value: Number(r.value) })),
      { level: "interval" },
    );
    // (4 − 1)² = 9 against (3 − 2)² = 1.
    expect(disagreementByItem(data).map((d) => [d.item, d.score])).toEqual([
      ["a", expect.closeTo(0.9, 12)],
      ["b", expect.closeTo(0.1, 12)],
    ]);
    const agreed = tabulate(
      rows([["a", "1", "1"]]).map((r) => ({ ...r, value: 1 })),
      { level: "interval" },
    );
    expect(disagreementByItem(agreed)).toEqual([{ item: "a", ratings: 2, score: 0 }]);
  });
});
