import { describe, expect, it } from "vitest";
import { type GroupedRatings, tabulate, tabulateGrouped } from "./data";
import { csvFixture } from "./test-fixtures";
import type { DeclaredScale, Rating } from "./types";

// Ratings handed over already grouped by item give the same layout as the same ratings
// listed item by item, so callers that hold them that way compute the same figures.

function grouped(ratings: Rating[], raters: string[]): GroupedRatings {
  const items = [...new Set(ratings.map((r) => r.item))];
  const byItem = items.map((item) => ratings.filter((r) => r.item === item));
  const itemStart = [0];
  for (const list of byItem) itemStart.push(itemStart[itemStart.length - 1] + list.length);
  const flat = byItem.flat();
  return { items, itemStart, raters, raterOf: flat.map((r) => raters.indexOf(r.rater)), values: flat.map((r) => r.value) };
}

const inItemOrder = (ratings: Rating[]) => {
  const items = [...new Set(ratings.map((r) => r.item))];
  return items.flatMap((item) => ratings.filter((r) => r.item === item));
};

describe("tabulateGrouped", () => {
  const c2011 = csvFixture("krippendorff-2011.csv");

  it.each<DeclaredScale>([{ level: "ordinal", values: [1, 2, 3, 4, 5] }, { level: "nominal" }, { level: "interval" }])(
    "gives tabulate's layout at the %o level, raters numbered as they first appear",
    (scale) => {
      // Raters listed in another order than they appear: the layout numbers them as met.
      const raters = [...new Set(c2011.map((r) => r.rater))].reverse();
      expect(tabulateGrouped(grouped(c2011, raters), scale)).toEqual(tabulate(inItemOrder(c2011), scale));
    },
  );

  it("refuses a value off the scale and a rater given twice in an item, naming the entries", () => {
    const off: Rating[] = [
      { item: "u1", rater: "a", value: 1 },
      { item: "u1", rater: "b", value: 7 },
    ];
    expect(() => tabulateGrouped(grouped(off, ["a", "b"]), { level: "ordinal", values: [1, 2] })).toThrow(
      expect.objectContaining({ message: '"7" is not one of the declared values', index: 1 }),
    );
    const twice = grouped(off, ["a", "b"]);
    expect(() => tabulateGrouped({ ...twice, raterOf: [0, 0], values: [1, 2] }, { level: "ordinal", values: [1, 2] })).toThrow(
      expect.objectContaining({ message: 'rater "a" rated item "u1" twice', index: 1, firstIndex: 0 }),
    );
  });
});
