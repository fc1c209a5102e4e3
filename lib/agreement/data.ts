import { AgreementInputError, type DeclaredScale, type Level, type Rating, type Value } from "./types";

// Ratings become integers once: category indexes on the declared scale, grouped by item.
// Every coefficient reads this one layout, so a scale is checked in one place and each
// statistic is a loop over small integers.

export interface ReliabilityData {
  level: Level;
  /** The declared categories, in order; a category's index is its rank. */
  categories: Value[];
  /** The number each category stands for in interval and ratio distances (its rank otherwise). */
  magnitudes: Float64Array;
  items: string[];
  raters: string[];
  /** The ratings of item i are entries itemStart[i] … itemStart[i + 1] − 1; missing ones are left out. */
  itemStart: Int32Array;
  raterOf: Int32Array;
  codeOf: Int32Array;
}

function numericScale(level: "interval" | "ratio", values: readonly Value[], magnitudes: readonly number[] | undefined): Float64Array {
  if (magnitudes && magnitudes.length !== values.length)
    throw new AgreementInputError(`the scale has ${values.length} values but ${magnitudes.length} magnitudes`);
  const numbers = values.map((value, i) => {
    const magnitude = magnitudes ? magnitudes[i] : value;
    if (typeof magnitude !== "number" || !Number.isFinite(magnitude))
      throw new AgreementInputError(`${level} data needs a number for "${value}": give the scale's magnitudes`);
    if (level === "ratio" && magnitude < 0) throw new AgreementInputError(`ratio data cannot be negative ("${value}")`);
    return magnitude;
  });
  return Float64Array.from(numbers);
}

function observedNumbers(values: readonly (Value | null)[], level: Level): number[] {
  const seen = new Set<number>();
  values.forEach((value, index) => {
    if (value === null) return;
    if (typeof value !== "number" || !Number.isFinite(value)) throw new AgreementInputError(`${level} data needs numbers, got "${value}"`, index);
    if (level === "ratio" && value < 0) throw new AgreementInputError(`ratio data cannot be negative (${value})`, index);
    seen.add(value);
  });
  return [...seen].sort((a, b) => a - b);
}

function declaredCategories(values: readonly (Value | null)[], scale: DeclaredScale): { categories: Value[]; magnitudes: Float64Array } {
  let categories: Value[];
  if (scale.values) categories = [...scale.values];
  else if (scale.level === "nominal") categories = [...new Set(values.filter((v) => v !== null))];
  else categories = observedNumbers(values, scale.level);
  if (new Set(categories).size !== categories.length) throw new AgreementInputError("the scale lists a value twice");
  const magnitudes =
    scale.level === "interval" || scale.level === "ratio"
      ? numericScale(scale.level, categories, scale.magnitudes)
      : Float64Array.from(categories, (_, i) => i + 1);
  return { categories, magnitudes };
}

/** Checks the ratings against the scale; throws AgreementInputError naming the rating at fault. */
export function tabulate(ratings: readonly Rating[], scale: DeclaredScale): ReliabilityData {
  const { categories, magnitudes } = declaredCategories(
    ratings.map((r) => r.value),
    scale,
  );
  const codeOfValue = new Map<Value, number>(categories.map((value, i) => [value, i]));
  const itemIndex = new Map<string, number>();
  const raterIndex = new Map<string, number>();
  // Per item: rater, code (−1 when missing) and the rating's index, three numbers a rating. An
  // item has few ratings, so a rater given twice is found by scanning its own list.
  const perItem: number[][] = [];
  let total = 0;
  ratings.forEach((rating, index) => {
    let item = itemIndex.get(rating.item);
    if (item === undefined) {
      item = itemIndex.size;
      itemIndex.set(rating.item, item);
      perItem.push([]);
    }
    let rater = raterIndex.get(rating.rater);
    if (rater === undefined) {
      rater = raterIndex.size;
      raterIndex.set(rating.rater, rater);
    }
    const entries = perItem[item];
    for (let j = 0; j < entries.length; j += 3) {
      if (entries[j] === rater) throw new AgreementInputError(`rater "${rating.rater}" rated item "${rating.item}" twice`, index, entries[j + 2]);
    }
    const code = rating.value === null ? -1 : codeOfValue.get(rating.value);
    if (code === undefined) throw new AgreementInputError(`"${rating.value}" is not one of the declared values`, index);
    if (code >= 0) total++;
    entries.push(rater, code, index);
  });
  const itemStart = new Int32Array(perItem.length + 1);
  const raterOf = new Int32Array(total);
  const codeOf = new Int32Array(total);
  let at = 0;
  perItem.forEach((entries, item) => {
    for (let j = 0; j < entries.length; j += 3) {
      if (entries[j + 1] < 0) continue;
      raterOf[at] = entries[j];
      codeOf[at++] = entries[j + 1];
    }
    itemStart[item + 1] = at;
  });
  return { level: scale.level, categories, magnitudes, items: [...itemIndex.keys()], raters: [...raterIndex.keys()], itemStart, raterOf, codeOf };
}

/** Ratings already grouped by item, as indexes: what a caller that holds them that way hands over. */
export interface GroupedRatings {
  items: string[];
  /** The ratings of item i are entries itemStart[i] … itemStart[i + 1] − 1. */
  itemStart: ArrayLike<number>;
  /** Rater names, and each entry's index among them. */
  raters: readonly string[];
  raterOf: ArrayLike<number>;
  /** Each entry's value; null is a missing rating. */
  values: readonly (Value | null)[];
}

/**
 * What `tabulate` gives for the same ratings listed item by item, without a map lookup or an
 * object per rating: raters are numbered in the order they first appear, and an error's index
 * is the entry's.
 */
export function tabulateGrouped(grouped: GroupedRatings, scale: DeclaredScale): ReliabilityData {
  const { items, itemStart, raterOf: given, values } = grouped;
  const { categories, magnitudes } = declaredCategories(values, scale);
  const codeOfValue = new Map<Value, number>(categories.map((value, i) => [value, i]));
  const renumbered = new Int32Array(grouped.raters.length).fill(-1);
  const raters: string[] = [];
  const entries = itemStart[items.length];
  const raterOf = new Int32Array(entries);
  const codeOf = new Int32Array(entries);
  const starts = new Int32Array(items.length + 1);
  let at = 0;
  for (let item = 0; item < items.length; item++) {
    for (let j = itemStart[item]; j < itemStart[item + 1]; j++) {
      let rater = renumbered[given[j]];
      if (rater < 0) {
        rater = renumbered[given[j]] = raters.length;
        raters.push(grouped.raters[given[j]]);
      }
      for (let k = itemStart[item]; k < j; k++) {
        if (given[k] === given[j]) throw new AgreementInputError(`rater "${raters[rater]}" rated item "${items[item]}" twice`, j, k);
      }
      const value = values[j];
      const code = value === null ? -1 : codeOfValue.get(value);
      if (code === undefined) throw new AgreementInputError(`"${value}" is not one of the declared values`, j);
      if (code < 0) continue;
      raterOf[at] = rater;
      codeOf[at++] = code;
    }
    starts[item + 1] = at;
  }
  return {
    level: scale.level,
    categories,
    magnitudes,
    items,
    raters,
    itemStart: starts,
    raterOf: raterOf.slice(0, at),
    codeOf: codeOf.slice(0, at),
  };
}

/** Per item: how many ratings it has in each category it received (sparse). */
export function itemCounts(data: ReliabilityData, item: number): { codes: number[]; counts: number[] } {
  const codes: number[] = [];
  const counts: number[] = [];
  for (let j = data.itemStart[item]; j < data.itemStart[item + 1]; j++) {
    const at = codes.indexOf(data.codeOf[j]);
    if (at >= 0) counts[at]++;
    else {
      codes.push(data.codeOf[j]);
      counts.push(1);
    }
  }
  return { codes, counts };
}
