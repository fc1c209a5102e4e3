import { type DeclaredScale, type RaterPair, type Value, pairwiseKappa, tabulate } from "@/lib/agreement";

// The human ceiling, like for like: the judge treated as one more rater, its κ with each
// individual expert beside the experts' κ with each other, on the same items. "κ 0.62" means
// little alone; "0.62 where two experts reach 0.65" says the judge is about as consistent as
// one expert with another.

/** The judge's name among the raters: a NUL byte no rater's name contains. */
export const JUDGE_RATER = "\u0000judge";

export interface TCeilingSide {
  /** The mean of the pairs' κ (pairs where κ is undefined are left out and counted). */
  meanKappa: number | null;
  pairs: number;
  undefinedPairs: number;
}

export interface THumanCeiling {
  /** The judge against each individual rater. */
  judge: TCeilingSide;
  /** The raters against each other. */
  raters: TCeilingSide;
  /** Every pair: the judge's name is `judge`; n is the items both rated. */
  detail: { a: string; b: string; n: number; kappa: number | null }[];
}

function side(pairs: RaterPair[]): TCeilingSide {
  const kappas = pairs.map((p) => p.kappa.value).filter((k): k is number => k !== null);
  return {
    meanKappa: kappas.length === 0 ? null : kappas.reduce((s, k) => s + k, 0) / kappas.length,
    pairs: pairs.length,
    undefinedPairs: pairs.length - kappas.length,
  };
}

/**
 * The ceiling over `items` (the comparable ones): `judge` holds the judge's value per item,
 * `ratings` every rater's own value (first revisions), already on `scale`.
 */
export function humanCeiling(
  scale: DeclaredScale,
  items: ReadonlySet<string>,
  judge: ReadonlyMap<string, Value>,
  ratings: readonly { item: string; rater: string; value: Value }[],
): THumanCeiling {
  const rows = [...[...items].map((item) => ({ item, rater: JUDGE_RATER, value: judge.get(item) ?? null })), ...ratings.filter((r) => items.has(r.item))];
  const pairs = pairwiseKappa(tabulate(rows, scale));
  const withJudge = pairs.filter((p) => p.a === JUDGE_RATER || p.b === JUDGE_RATER);
  const name = (rater: string) => (rater === JUDGE_RATER ? "judge" : rater);
  return {
    judge: side(withJudge),
    raters: side(pairs.filter((p) => !withJudge.includes(p))),
    detail: pairs.map((p) => ({ a: name(p.a), b: name(p.b), n: p.n, kappa: p.kappa.value })),
  };
}
