import { type ConsensusCriterion, ConsensusInputError, type ConsensusValue } from "./types";

// Checking a criterion's values and comparing them: shared by the consensus rules and the
// raters' figures, so "is this value on the scale" and "are these two the same" are written once.

export const show = (value: ConsensusValue): string => JSON.stringify(value);

/** A selection as a set: each option once, in the declared order (else in the order chosen). */
export function selection(value: readonly string[], options: readonly string[] | undefined): string[] {
  const chosen = new Set(value);
  return options ? options.filter((o) => chosen.has(o)) : [...chosen];
}

/** Throws ConsensusInputError naming the first value that does not fit the criterion. */
export function checkValues(criterion: ConsensusCriterion, values: readonly ConsensusValue[]): void {
  const { level } = criterion;
  if (level === "ordinal" && !criterion.order) throw new ConsensusInputError("an ordinal criterion needs its declared order");
  if (criterion.step !== undefined && !(criterion.step > 0 && Number.isFinite(criterion.step)))
    throw new ConsensusInputError(`the step must be a number above 0, not ${criterion.step}`);
  for (const value of values) {
    if (level === "none") continue;
    if (level === "multi") {
      if (!Array.isArray(value) || value.some((o) => typeof o !== "string"))
        throw new ConsensusInputError(`a multi-select value is a list of options, not ${show(value)}`);
      const { options } = criterion;
      const unknown = options ? value.find((o) => !options.includes(o)) : undefined;
      if (unknown !== undefined) throw new ConsensusInputError(`${show(unknown)} is not one of the declared options`);
      continue;
    }
    if (Array.isArray(value)) throw new ConsensusInputError(`a list of options (${show(value)}) is a multi-select value, not a ${level} one`);
    const order = criterion.order ?? [];
    if (level === "ordinal" && !order.includes(value as string | number))
      throw new ConsensusInputError(`${show(value)} is not in the declared order ${order.map(String).join(" < ")}`);
    if ((level === "interval" || level === "ratio") && (typeof value !== "number" || !Number.isFinite(value)))
      throw new ConsensusInputError(`${level} values are numbers, not ${show(value)}`);
  }
}

/** Where a value sits on an ordered level (its rank in the declared order, or the number itself); null on unordered levels. */
export function position(criterion: ConsensusCriterion, value: ConsensusValue): number | null {
  if (criterion.level === "ordinal") return (criterion.order ?? []).indexOf(value as string | number);
  if (criterion.level === "interval" || criterion.level === "ratio") return value as number;
  return null;
}

/** A key that two values share exactly when they are the same answer (a selection ignores order and repeats). */
export function keyOf(value: ConsensusValue): string {
  if (Array.isArray(value)) return `multi:${JSON.stringify([...new Set(value)].sort())}`;
  return `${typeof value}:${String(value)}`;
}

/** The same answer; numbers within rounding noise (a mean rounded to 0.1 is not exactly 0.1 in binary). */
export function sameValue(a: ConsensusValue, b: ConsensusValue): boolean {
  if (typeof a === "number" && typeof b === "number") return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  return keyOf(a) === keyOf(b);
}

function decimalsOf(step: number): number {
  let d = 0;
  while (d < 15 && Math.abs(Math.round(step * 10 ** d) - step * 10 ** d) > 1e-9) d++;
  return d;
}

/** The nearest multiple of `step`, halves rounded up; decimal steps come out as the decimals they name (0.3, not 0.30000000000000004). */
export function roundToStep(x: number, step: number): number {
  const steps = Math.round(Number((x / step).toFixed(9)));
  const rounded = Number((steps * step).toFixed(decimalsOf(step)));
  return rounded === 0 ? 0 : rounded;
}
