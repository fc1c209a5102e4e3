import { MAX_CONCURRENCY } from "@/lib/judge-runs/schemas";
import type { TJudgeParametersInput } from "@/lib/judge-versions/schemas";

// The draft editor's parameter fields as texts, and back. Pure, so the round trip is tested.

/** The parameters the draft editor shows; others a version holds (set over the API) are kept as they are. */
export const EDITED = [
  { key: "temperature", id: "judge-temperature", label: "Temperature", min: 0, max: 2, step: 0.1, initial: 0 },
  { key: "maxTokens", id: "judge-max-tokens", label: "Max tokens", min: 1, max: 32_000, step: 1, initial: 1000 },
  { key: "concurrency", id: "judge-concurrency", label: "Calls in flight (optional)", min: 1, max: MAX_CONCURRENCY, step: 1, placeholder: "8" },
  { key: "rpm", id: "judge-rpm", label: "Requests per minute (optional)", min: 1, max: 100_000, step: 1, placeholder: "no limit" },
] as const;

export type TParameterTexts = Record<(typeof EDITED)[number]["key"], string>;

/** The fields' texts for a version's parameters (a blank field for an optional one it lacks). */
export function parameterTexts(parameters: TJudgeParametersInput | undefined): TParameterTexts {
  const text = (f: (typeof EDITED)[number]) => String(parameters?.[f.key] ?? ("initial" in f ? f.initial : ""));
  return Object.fromEntries(EDITED.map((f) => [f.key, text(f)])) as TParameterTexts;
}

/** The parameters to save: the version's others, then each shown field that is not blank. */
export function parametersOf(kept: TJudgeParametersInput | undefined, texts: TParameterTexts): TJudgeParametersInput {
  const out: TJudgeParametersInput = { ...kept };
  for (const f of EDITED) {
    delete out[f.key];
    if (texts[f.key].trim() !== "") out[f.key] = Number(texts[f.key]);
  }
  return out;
}
