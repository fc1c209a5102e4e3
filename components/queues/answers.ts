import type { TCriterion } from "@/lib/rubrics/schemas";
import { decodeValue } from "@/lib/scores/codec";
import type { TScoreRow, TSide } from "./types";

// The labeling form works in screen terms: on a pairwise item "A" is always the left response
// and "B" the right one. The server records which trace was shown left (`leftSide`), and the
// labels it stores name the item's traces, so answers are translated at the boundary. The
// translation swaps both ways, so the same function reads stored labels back.

export type TAnswers = Record<string, unknown>;

const SIDE_LABEL: Record<TSide, string> = { A: "left response (A)", B: "right response (B)" };

/** The criteria the form asks: on pairwise items a preference for the pair, the rest once per side. */
export function formCriteria(criteria: TCriterion[], mode: "SINGLE" | "PAIRWISE"): TCriterion[] {
  if (mode === "SINGLE") return criteria.filter((c) => c.type !== "PREFERENCE");
  return criteria.flatMap((c) =>
    c.type === "PREFERENCE"
      ? [c]
      : (["A", "B"] as const).map((side) => ({ ...c, key: `${c.key}:${side}`, label: `${c.label} — ${SIDE_LABEL[side]}` }) as TCriterion),
  );
}

const swap = (s: string) => (s === "A" ? "B" : s === "B" ? "A" : s);

/** Screen-side answers to trace-side values (and back): a no-op unless trace B was shown left. */
export function swapSides(answers: TAnswers, leftSide: TSide | null, criteria: TCriterion[]): TAnswers {
  if (leftSide !== "B") return { ...answers };
  const preference = new Set(criteria.filter((c) => c.type === "PREFERENCE").map((c) => c.key));
  const out: TAnswers = {};
  for (const [name, value] of Object.entries(answers)) {
    const [key, side] = name.split(":");
    if (side) out[`${key}:${swap(side)}`] = value;
    else if (preference.has(key)) {
      if (typeof value === "string") out[key] = swap(value);
      else if (value && typeof value === "object" && "choice" in value)
        out[key] = { ...(value as object), choice: swap(String((value as { choice: unknown }).choice)) };
      else out[key] = value;
    } else out[key] = value;
  }
  return out;
}

/** The answers as the submit body's values: unanswered criteria left out. */
export function submitValues(answers: TAnswers): TAnswers {
  return Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== undefined && v !== "" && !(Array.isArray(v) && v.length === 0)));
}

/** A rater's stored labels as form answers (trace-side names, as the server keeps them). */
export function labelsToAnswers(labels: TScoreRow[]): TAnswers {
  return Object.fromEntries(labels.map((row) => [row.name, decodeValue(row)]));
}
