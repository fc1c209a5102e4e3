import { alphaWithInterval, type IntervalOptions } from "./bootstrap";
import type { ReliabilityData } from "./data";
import { pairwiseKappa } from "./kappa";
import { fleissKappa, gwetAC1, percentAgreement } from "./multirater";
import type { Stat } from "./types";

// Every figure for one criterion, flat and JSON-ready: a null always has its reason beside it
// under the same name plus "Reason", so a report can show why instead of a blank.

type Flat<K extends string> = { [P in K]: number | null } & { [P in `${K}Reason`]?: string };

export function flat<K extends string>(key: K, stat: Stat): Flat<K> {
  return (stat.value === null ? { [key]: null, [`${key}Reason`]: stat.reason } : { [key]: stat.value }) as Flat<K>;
}

export function agreementSummary(data: ReliabilityData, options: IntervalOptions = {}) {
  const interval = alphaWithInterval(data, options);
  const ordinal = data.level === "ordinal";
  const pairs = pairwiseKappa(data, ordinal ? { weights: "quadratic" } : {}).map((pair) => ({
    a: pair.a,
    b: pair.b,
    n: pair.n,
    ...flat("kappa", pair.kappa),
    ...(pair.weightedKappa ? flat("weightedKappa", pair.weightedKappa) : {}),
  }));
  return {
    ...flat("alpha", interval.alpha),
    ci95: interval.ci95,
    ...(interval.ci95Reason ? { ci95Reason: interval.ci95Reason } : {}),
    level: data.level,
    items: data.items.length,
    raters: data.raters.length,
    pairable: interval.alpha.pairable,
    singleRatingItems: interval.alpha.singleRatingItems,
    ...flat("percentAgreement", percentAgreement(data)),
    ...(ordinal ? flat("percentWithinOne", percentAgreement(data, { withinOne: true })) : {}),
    pairs,
    ...flat("fleissKappa", fleissKappa(data)),
    ...flat("ac1", gwetAC1(data)),
    minimum: interval.minimum,
    probabilityBelowMinimum: interval.probabilityBelowMinimum,
    bootstrap: { method: interval.method, resamples: interval.resamples, seed: interval.seed, undefinedResamples: interval.undefinedResamples },
  };
}
