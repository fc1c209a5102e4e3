import { buildProfiles, fixedDistance, ordinalDistance, profileDisagreement } from "./alpha";
import type { ReliabilityData } from "./data";

// Which items to adjudicate first. Nominal: 1 − agreeing pairs / all pairs of the item's
// ratings, 0 (all agree) to 1 (no two agree). Ordinal, interval and ratio: the item's share of
// the observed disagreement D_o under the level's distance, so a 1-vs-5 split outranks a
// 1-vs-2 one; shares of all items add up to 1 (all 0 when no item has any disagreement).

export interface ItemDisagreement {
  item: string;
  ratings: number;
  score: number;
}

/** Items with two or more ratings, most disagreement first (ties in input order). */
export function disagreementByItem(data: ReliabilityData): ItemDisagreement[] {
  const profiles = buildProfiles(data);
  const P = profiles.size.length;
  const K = data.categories.length;
  let scoreOfProfile: Float64Array;
  if (data.level === "nominal") {
    scoreOfProfile = Float64Array.from({ length: P }, (_, p) => {
      let agreeing = 0;
      for (let j = profiles.start[p]; j < profiles.start[p + 1]; j++) agreeing += profiles.count[j] * (profiles.count[j] - 1);
      return 1 - agreeing / (profiles.size[p] * (profiles.size[p] - 1));
    });
  } else {
    let distance = fixedDistance(data);
    if (data.level === "ordinal") {
      const marginals = new Float64Array(K);
      for (let p = 0; p < P; p++) {
        for (let j = profiles.start[p]; j < profiles.start[p + 1]; j++) marginals[profiles.code[j]] += profiles.multiplicity[p] * profiles.count[j];
      }
      distance = ordinalDistance(marginals);
    }
    scoreOfProfile = Float64Array.from({ length: P }, (_, p) => profileDisagreement(profiles, p, distance));
    let total = 0;
    for (let p = 0; p < P; p++) total += profiles.multiplicity[p] * scoreOfProfile[p];
    if (total > 0) scoreOfProfile = scoreOfProfile.map((s) => s / total);
  }
  const ranked = Array.from(profiles.pairableItemIndexes, (item, i) => ({
    item: data.items[item],
    ratings: profiles.size[profiles.profileOfItem[i]],
    score: scoreOfProfile[profiles.profileOfItem[i]],
  }));
  // Array.prototype.sort is stable, so equal scores keep the input order.
  return ranked.sort((x, y) => y.score - x.score);
}
