import { PREFERENCE_CHOICES, type TCriterion } from "@/lib/rubrics/schemas";

// Which answer each digit picks for a criterion, in the order the inputs show them.
// Text-like criteria have none: Enter moves into their field instead.

export interface TAnswerChoice {
  value: unknown;
  label: string;
}

export const PREFERENCE_LABELS: Record<(typeof PREFERENCE_CHOICES)[number], string> = { A: "A is better", B: "B is better", TIE: "Tie", BOTH_BAD: "Both bad" };

export function answerChoices(criterion: TCriterion): TAnswerChoice[] {
  switch (criterion.type) {
    case "BINARY":
      return [
        { value: true, label: criterion.config.pass.label },
        { value: false, label: criterion.config.fail.label },
      ];
    case "SCALE":
      return criterion.config.levels.map((l) => ({ value: l.value, label: `${l.value} · ${l.label}` }));
    case "CATEGORICAL":
    case "MULTI":
      return criterion.config.options.map((o) => ({ value: o.value, label: o.label }));
    case "PREFERENCE": {
      const c = criterion.config;
      return PREFERENCE_CHOICES.filter((x) => (x !== "TIE" || c.allowTie) && (x !== "BOTH_BAD" || c.allowBothBad)).map((x) => ({
        value: x,
        label: PREFERENCE_LABELS[x],
      }));
    }
    default:
      return [];
  }
}

/** The answer after choosing choice `index` (0-based): MULTI toggles, PREFERENCE keeps its strength. */
export function applyChoice(criterion: TCriterion, current: unknown, index: number): unknown {
  const choice = answerChoices(criterion)[index];
  if (!choice) return current;
  if (criterion.type === "MULTI") {
    const list = Array.isArray(current) ? (current as string[]) : [];
    return list.includes(choice.value as string) ? list.filter((v) => v !== choice.value) : [...list, choice.value];
  }
  if (criterion.type === "PREFERENCE") {
    const prev = (current ?? {}) as { strength?: number | null };
    const decisive = choice.value === "A" || choice.value === "B";
    return criterion.config.strength ? { choice: choice.value, strength: decisive ? (prev.strength ?? null) : null } : choice.value;
  }
  return choice.value;
}
