import type { TGateVerdict } from "@/lib/datasets/promote-schemas";

const LIGHTS = {
  pass: { dot: "bg-emerald-500", text: "At or above the threshold" },
  fail: { dot: "bg-rose-500", text: "Below the threshold" },
  exempt: { dot: "bg-slate-300", text: "No coefficient: promoted only through gold or unanimity" },
} as const;

/** The agreement gate, per criterion the rule reads: α over the whole queue against the project's threshold. */
export function GateVerdict({ gate }: { gate: TGateVerdict }) {
  return (
    <div className="space-y-2" data-testid="gate-verdict">
      <p className={`text-sm font-medium ${gate.passed ? "text-emerald-800" : "text-rose-800"}`}>
        {gate.passed ? "The agreement gate allows this promotion." : "The agreement gate refuses this promotion."} Threshold: α ≥ {gate.threshold} (the
        project&apos;s tentative threshold).
      </p>
      <table className="w-full text-left text-sm">
        <thead className="text-slate-500">
          <tr>
            <th className="py-1 font-medium">Criterion</th>
            <th className="py-1 font-medium">α</th>
            <th className="py-1 font-medium">Verdict</th>
          </tr>
        </thead>
        <tbody>
          {gate.criteria.map((c) => (
            <tr key={c.criterion} className="border-t border-slate-100" data-testid={`gate-row-${c.criterion}`} data-status={c.status}>
              <td className="py-1 font-mono text-xs">{c.criterion}</td>
              <td className="py-1 tabular-nums">
                {c.alpha === null ? "—" : c.alpha.toFixed(3)}
                {c.option ? <span className="ml-1 text-xs text-slate-500">(option {c.option})</span> : null}
              </td>
              <td className="py-1">
                <span className="inline-flex items-center gap-2">
                  <span className={`inline-block h-3 w-3 rounded-full ${LIGHTS[c.status].dot}`} aria-hidden />
                  {c.reason ?? LIGHTS[c.status].text}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
