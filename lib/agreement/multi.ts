import { type AlphaResult, krippendorffAlpha } from "./alpha";
import { tabulate } from "./data";
import { AgreementInputError, type Stat, defined, undefinedBecause } from "./types";

// Multi-select criteria: each option is a yes/no question per item and rater, with its own
// nominal α; the criterion is only as reliable as its least reliable option, so the overall
// figure is the lowest α and names that option. Jaccard per pair of raters says how much
// two raters' selections overlap.

export interface MultiRating {
  item: string;
  rater: string;
  /** The options selected; an empty list is a rating ("none apply"), `null` a missing one. */
  value: readonly string[] | null;
}

export interface MultiAgreement {
  perOption: { option: string; alpha: AlphaResult }[];
  /** The lowest per-option α; options whose α is undefined (e.g. never chosen) are left out. */
  lowest: Stat & { option: string | null };
  pairs: { a: string; b: string; n: number; jaccard: Stat }[];
}

function jaccard(x: readonly string[], y: readonly string[]): number {
  const union = new Set([...x, ...y]);
  // Two raters who both selected nothing agree completely.
  if (union.size === 0) return 1;
  const ys = new Set(y);
  return new Set(x.filter((o) => ys.has(o))).size / union.size;
}

function pairwiseJaccard(ratings: readonly MultiRating[]): MultiAgreement["pairs"] {
  const raters = [...new Set(ratings.map((r) => r.rater))];
  const byItem = new Map<string, Map<string, readonly string[]>>();
  for (const r of ratings) {
    if (r.value === null) continue;
    if (!byItem.has(r.item)) byItem.set(r.item, new Map());
    byItem.get(r.item)?.set(r.rater, r.value);
  }
  const pairs: MultiAgreement["pairs"] = [];
  raters.forEach((a, i) =>
    raters.slice(i + 1).forEach((b) => {
      let n = 0;
      let sum = 0;
      for (const given of byItem.values()) {
        const x = given.get(a);
        const y = given.get(b);
        if (!x || !y) continue;
        n++;
        sum += jaccard(x, y);
      }
      pairs.push({ a, b, n, jaccard: n === 0 ? undefinedBecause("no item rated by both") : defined(sum / n) });
    }),
  );
  return pairs;
}

export function multiAgreement(ratings: readonly MultiRating[], options: readonly string[]): MultiAgreement {
  const known = new Set(options);
  ratings.forEach((r, index) => {
    const unknown = r.value?.find((o) => !known.has(o));
    if (unknown !== undefined) throw new AgreementInputError(`"${unknown}" is not one of the declared options`, index);
  });
  const perOption = options.map((option) => {
    const asYesNo = ratings.map((r) => ({ item: r.item, rater: r.rater, value: r.value === null ? null : r.value.includes(option) ? "yes" : "no" }));
    return { option, alpha: krippendorffAlpha(tabulate(asYesNo, { level: "nominal", values: ["no", "yes"] })) };
  });
  let lowest: MultiAgreement["lowest"] = { option: null, value: null, reason: perOption[0]?.alpha.reason ?? undefinedBecause("no options declared").reason };
  for (const { option, alpha } of perOption) {
    if (alpha.value !== null && (lowest.value === null || alpha.value < lowest.value)) lowest = { option, value: alpha.value };
  }
  return { perOption, lowest, pairs: pairwiseJaccard(ratings) };
}
