// The vocabulary of the agreement statistics. Values are opaque strings or numbers; what
// they mean (their order, their distance) comes only from the scale the caller declares,
// never from the values themselves, so "Poor" < "Fair" < "Good" works as well as 1 < 2 < 3.

export const LEVELS = ["nominal", "ordinal", "interval", "ratio"] as const;
export type Level = (typeof LEVELS)[number];

export type Value = string | number;

/** One rater's rating of one item; `null` is a missing rating (skipped, not a category). */
export interface Rating {
  item: string;
  rater: string;
  value: Value | null;
}

/**
 * The possible values of a criterion and how far apart they are.
 * - nominal: `values` lists the categories (their order does not matter, but every declared
 *   category counts, used or not, e.g. for Gwet's AC1 and weighted κ); without it, the
 *   observed values.
 * - ordinal: `values` is required, in their declared order (lowest first).
 * - interval, ratio: the numeric position of each value is `magnitudes[i]` when given, else
 *   the value itself when it is a number; `values` may be omitted for continuous numbers,
 *   which then are their own categories in numeric order.
 */
export type DeclaredScale =
  | { level: "nominal"; values?: readonly Value[] }
  | { level: "ordinal"; values: readonly Value[] }
  | { level: "interval" | "ratio"; values?: readonly Value[]; magnitudes?: readonly number[] };

/** A coefficient, or `null` with the reason it is undefined for this data. */
export interface Stat {
  value: number | null;
  reason?: string;
}

/**
 * Input the statistics cannot use: `index` is the offending rating's position, when one rating
 * is at fault, and `firstIndex` the earlier rating it clashes with.
 */
export class AgreementInputError extends Error {
  constructor(
    message: string,
    readonly index?: number,
    readonly firstIndex?: number,
  ) {
    super(message);
    this.name = "AgreementInputError";
  }
}

export const defined = (value: number): Stat => ({ value });
export const undefinedBecause = (reason: string): Stat => ({ value: null, reason: `undefined: ${reason}` });
