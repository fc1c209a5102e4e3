import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Rating, Value } from "./types";

// The published worked examples, read from fixtures/ as ratings, for the tests.

const dir = fileURLToPath(new URL("fixtures", import.meta.url));

/** An item,rater,value CSV as ratings; numeric cells become numbers, empty cells missing. */
export function csvFixture(name: string): Rating[] {
  const [, ...lines] = readFileSync(path.join(dir, name), "utf8").trim().split("\n");
  return lines.map((line) => {
    const [item, rater, value] = line.split(",");
    return { item, rater, value: value === "" ? null : Number(value) };
  });
}

export const tables = JSON.parse(readFileSync(path.join(dir, "tables.json"), "utf8"));

/** A two-rater contingency table as ratings: cell (i, j) holds items rated values[i] by A and values[j] by B. */
export function ratingsFromTable(table: number[][], values: readonly Value[] = table.map((_, i) => i + 1)): Rating[] {
  const ratings: Rating[] = [];
  table.forEach((row, i) =>
    row.forEach((count, j) => {
      for (let c = 0; c < count; c++) {
        const item = `cell${i}-${j}-${c}`;
        ratings.push({ item, rater: "A", value: values[i] }, { item, rater: "B", value: values[j] });
      }
    }),
  );
  return ratings;
}

/** Fleiss' subjects × categories counts as ratings: the raters of each subject are numbered 1… r. */
export function ratingsFromCounts(counts: number[][]): Rating[] {
  return counts.flatMap((row, item) => {
    let rater = 0;
    return row.flatMap((count, category) =>
      Array.from({ length: count }, () => ({ item: `subject${item + 1}`, rater: `rater${++rater}`, value: category + 1 })),
    );
  });
}
