import type { TJudgeVersion } from "@/lib/judge-versions/schemas";

/** A published version as a reader sees it: what it answers, with which model, and its prompt. */
export function VersionDetails({ version: v }: { version: TJudgeVersion }) {
  const parameters = Object.entries(v.parameters)
    .map(([k, value]) => `${k} ${value}`)
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
