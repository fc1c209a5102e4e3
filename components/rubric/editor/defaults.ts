import type { TCriterionInput, TCriterionType } from "@/lib/rubrics/schemas";

// What a new criterion of each type starts with in the editor: valid as it stands, so the
// admin edits wording rather than fighting validation.

export function defaultConfig(type: TCriterionType): TCriterionInput["config"] {
  switch (type) {
    case "BINARY":
      return { pass: { label: "Pass", description: "Meets the criterion." }, fail: { label: "Fail", description: "Does not meet the criterion." } };
    case "SCALE":
      return {
        min: 1,
        max: 5,
        levels: ["Very poor", "Poor", "Adequate", "Good", "Excellent"].map((label, i) => ({
          value: i + 1,
          label,
          description: `Describe what a ${i + 1} looks like.`,
          exemplars: [],
        })),
      };
    case "CATEGORICAL":
      return {
        options: [
          { value: "yes", label: "Yes", description: "" },
          { value: "no", label: "No", description: "" },
        ],
      };
    case "MULTI":
      return {
        options: [
          { value: "first", label: "First", description: "" },
          { value: "second", label: "Second", description: "" },
        ],
        minSelected: 0,
        maxSelected: null,
      };
    case "NUMERIC":
      return { min: 0, max: 10, step: 1, unit: "" };
    case "TEXT":
      return { maxLength: 1000 };
    case "CORRECTION":
      return { maxLength: 20000 };
    case "PREFERENCE":
      return { allowTie: true, allowBothBad: true, strength: false };
  }
}

export function newCriterion(type: TCriterionType, taken: string[]): TCriterionInput {
  let n = taken.length + 1;
  while (taken.includes(`criterion_${n}`)) n++;
  return { key: `criterion_${n}`, label: `Criterion ${n}`, question: "", guidance: "", required: true, type, config: defaultConfig(type) } as TCriterionInput;
}
