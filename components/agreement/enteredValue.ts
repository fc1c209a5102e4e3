import { isDeepStrictEqual } from "./equal";

// What an adjudicator types as "another value", read as the criterion's type expects; the
// server checks it against the criterion like any label.

export function enteredValue(type: string, text: string): unknown {
  const t = text.trim();
  if (t === "") return undefined;
  if (type === "SCALE" || type === "NUMERIC") return Number.isNaN(Number(t)) ? t : Number(t);
  if (type === "BINARY") return /^(y|yes|true|1|pass|correct)$/i.test(t) ? true : /^(n|no|false|0|fail|incorrect)$/i.test(t) ? false : t;
  if (type === "MULTI")
    return t
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  if (type === "PREFERENCE") {
    const m = /^(A|B|TIE|BOTH_BAD)([1-3])?$/i.exec(t);
    return m ? { choice: m[1].toUpperCase(), strength: m[2] ? Number(m[2]) : null } : t;
  }
  return t;
}

/** Whether a value matches one rater's: then no reason is required. */
export function matchesARater(value: unknown, raterValues: unknown[]): boolean {
  return raterValues.some((v) => isDeepStrictEqual(v, value));
}
