import { consensusOf } from "./consensus";
import type { ConsensusCriterion, ConsensusPolicy, ConsensusValue } from "./types";
import { checkValues, position, sameValue } from "./values";

// Each rater against the others, for the queue's experts view. Leave-one-out throughout: a
// rater is compared with the consensus of the *other* raters of each unit, so their own vote
// cannot pull the consensus towards them and inflate their agreement.

export interface RaterFigures {
  rater: string;
  /** Units the rater labelled. */
  items: number;
  /** Share of the rater's units, among those where the other raters reach a consensus, on which the rater gave that consensus. */
  agreementWithOthers: number | null;
  /** Share of the rater's units that have gold on which the rater gave the gold value. */
  agreementWithGold: number | null;
  /** Ordered levels: the mean of (rater's value − the others' mean), in ranks of the declared order or in the values' unit; above 0 is more lenient (higher). */
  meanOffset: number | null;
}

export interface ConsensusUnit {
  unit: string;
  byRater: ReadonlyMap<string, ConsensusValue>;
  gold?: ConsensusValue;
}

interface Tally {
  items: number;
  agreedWithOthers: number;
  comparedWithOthers: number;
  agreedWithGold: number;
  comparedWithGold: number;
  offsetSum: number;
  offsets: number;
}

const share = (agreed: number, compared: number): number | null => (compared === 0 ? null : agreed / compared);

/** Per rater (sorted by name), their figures over the units they labelled. Throws ConsensusInputError on a value the criterion cannot hold. */
export function raterFigures(policy: ConsensusPolicy, criterion: ConsensusCriterion, units: readonly ConsensusUnit[]): RaterFigures[] {
  const tallies = new Map<string, Tally>();
  for (const { byRater, gold } of units) {
    const entries = [...byRater];
    checkValues(criterion, gold === undefined ? [...byRater.values()] : [...byRater.values(), gold]);
    const positions = entries.map(([, value]) => position(criterion, value));
    const positionSum = positions.reduce<number>((sum, p) => sum + (p ?? 0), 0);
    entries.forEach(([rater, value], i) => {
      const tally = tallies.get(rater) ?? {
        items: 0,
        agreedWithOthers: 0,
        comparedWithOthers: 0,
        agreedWithGold: 0,
        comparedWithGold: 0,
        offsetSum: 0,
        offsets: 0,
      };
      tallies.set(rater, tally);
      tally.items++;
      if (gold !== undefined) {
        tally.comparedWithGold++;
        if (sameValue(value, gold)) tally.agreedWithGold++;
      }
      if (entries.length < 2) return;
      const others = entries.filter((_, j) => j !== i).map(([, v]) => v);
      const consensus = consensusOf(policy, criterion, others);
      if (consensus.value !== null) {
        tally.comparedWithOthers++;
        if (sameValue(value, consensus.value)) tally.agreedWithOthers++;
      }
      const own = positions[i];
      if (own !== null) {
        tally.offsetSum += own - (positionSum - own) / others.length;
        tally.offsets++;
      }
    });
  }
  return [...tallies]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([rater, t]) => ({
      rater,
      items: t.items,
      agreementWithOthers: share(t.agreedWithOthers, t.comparedWithOthers),
      agreementWithGold: share(t.agreedWithGold, t.comparedWithGold),
      meanOffset: t.offsets === 0 ? null : t.offsetSum / t.offsets,
    }));
}
