import type { TAgreementReport } from "@/lib/reports/answers";

// How the agreement screens print figures: three decimals for coefficients, a dash with the
// reason for a figure that is undefined, never NaN or 0.

export const fixed = (n: number | null | undefined, digits = 3) => (n === null || n === undefined ? "—" : n.toFixed(digits));
export const percent = (n: number | null | undefined) => (n === null || n === undefined ? "—" : `${Math.round(n * 100)}%`);

/** Rater keys to display names: reports name raters by key. */
export function raterNames(raters: TAgreementReport["raters"]): Map<string, string> {
  return new Map(raters.map((r) => [r.key, r.kind === "external" ? `${r.name} (imported)` : r.name]));
}

/** A label's value as a person reads it. */
export function shownValue(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (Array.isArray(value)) return value.join(", ");
  if (typeof value === "object" && "choice" in (value as Record<string, unknown>)) {
    const p = value as { choice: string; strength: number | null };
    return p.strength ? `${p.choice}${p.strength}` : p.choice;
  }
  return String(value);
}
