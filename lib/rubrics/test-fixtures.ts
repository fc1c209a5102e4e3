import type { TRubricContentInput } from "./schemas";

/** One criterion of every type, valid as written. */
export function everyType(): TRubricContentInput {
  return {
    guidelines: "Read the **answer**.",
    criteria: [
      {
        key: "correct",
        label: "Correct",
        type: "BINARY",
        config: { pass: { label: "Yes", description: "All true" }, fail: { label: "No", description: "Something false" } },
      },
      {
        key: "quality",
        label: "Quality",
        type: "SCALE",
        config: {
          min: 1,
          max: 3,
          levels: [
            { value: 1, label: "Bad", description: "Wrong" },
            { value: 2, label: "OK", description: "Fine", exemplars: [{ text: "An OK answer" }] },
            { value: 3, label: "Great", description: "Perfect" },
          ],
        },
      },
      {
        key: "topic",
        label: "Topic",
        type: "CATEGORICAL",
        config: {
          options: [
            { value: "billing", label: "Billing" },
            { value: "tech", label: "Technical" },
          ],
        },
      },
      {
        key: "issues",
        label: "Issues",
        type: "MULTI",
        required: false,
        config: {
          options: [
            { value: "tone", label: "Tone" },
            { value: "length", label: "Length" },
            { value: "facts", label: "Facts" },
          ],
          maxSelected: 2,
        },
      },
      { key: "minutes", label: "Minutes saved", type: "NUMERIC", config: { min: 0, max: 10, step: 0.5, unit: "min" } },
      { key: "why", label: "Why", type: "TEXT", required: false, config: { maxLength: 20 } },
      { key: "ideal", label: "Ideal answer", type: "CORRECTION", required: false, config: { maxLength: 100 } },
      { key: "pref", label: "Preference", type: "PREFERENCE", config: { allowTie: true, allowBothBad: false, strength: true } },
    ],
  };
}
