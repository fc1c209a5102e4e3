import type { TJudgeParametersInput, TJudgeVersion } from "@/lib/judge-versions/schemas";

const NAMES: Record<keyof TJudgeParametersInput, string> = {
  temperature: "temperature",
  maxTokens: "max tokens",
  topP: "top p",
  seed: "seed",
  timeoutMs: "timeout (ms)",
  concurrency: "calls in flight",
  rpm: "requests per minute",
};

/** A published version as a reader sees it: what it answers, with which model, and its prompt. */
export function VersionDetails({ version: v }: { version: TJudgeVersion }) {
  const parameters = (Object.keys(NAMES) as (keyof TJudgeParametersInput)[])
    .filter((k) => v.parameters[k] !== undefined)
    .map((k) => `${NAMES[k]} ${v.parameters[k]}`)
    .join(", ");
  return (
    <section aria-label={`Version ${v.version}`} className="space-y-2 text-sm">
      <h2 className="text-lg font-semibold">v{v.version}</h2>
      <p>
        Answers <strong>{v.criterion.label}</strong> ({v.criterion.type.toLowerCase()}, {v.mode === "pairwise" ? "pairwise" : "one trace at a time"}) with{" "}
        <strong>{v.model}</strong>
        {parameters ? ` (${parameters})` : ""}; {v.exampleIds.length} calibration examples.
      </p>
      <pre aria-label="Template" className="whitespace-pre-wrap rounded bg-slate-50 p-3 font-mono text-xs">
        {v.template}
      </pre>
    </section>
  );
}
