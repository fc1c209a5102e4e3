import type { TPromotionPreview } from "@/lib/datasets/promote-schemas";
import { GateVerdict } from "./GateVerdict";

const brief = (value: unknown) => {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text && text.length > 160 ? `${text.slice(0, 160)}…` : (text ?? "—");
};

/** What a rule selects, what it skips and why, and the gate's verdict: shown before anything is added. */
export function PromotionPreview({ preview }: { preview: TPromotionPreview }) {
  const { counts } = preview;
  const pairs = preview.queue.mode === "PAIRWISE";
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700" data-testid="promotion-counts">
        {counts.selected} of {counts.completed} completed items selected ({counts.items} in the queue); {counts.notMatching} do not match the conditions,{" "}
        {counts.skipped} skipped.
      </p>
      <GateVerdict gate={preview.gate} />
      {preview.sample.length ? (
        <table className="w-full table-fixed text-left text-sm" data-testid="promotion-sample">
          <thead className="border-b border-slate-200 text-slate-500">
            <tr>
              <th className="px-2 py-1 font-medium">Input</th>
              <th className="px-2 py-1 font-medium">{pairs ? "Preferred / rejected" : "Expected output"}</th>
              <th className="w-56 px-2 py-1 font-medium">Labels</th>
            </tr>
          </thead>
          <tbody>
            {preview.sample.map((item) => (
              <tr key={item.queueItemId} className="border-b border-slate-100 align-top">
                <td className="break-words px-2 py-1">{brief(item.input)}</td>
                <td className="break-words px-2 py-1">
                  {item.preference ? `${brief(item.preference.preferred)} / ${brief(item.preference.rejected)}` : brief(item.expectedOutput)}
                </td>
                <td className="px-2 py-1 text-xs text-slate-600">
                  {item.labels.map((l) => `${l.criterion} = ${JSON.stringify(l.value)} (${l.provenance})`).join("; ")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {preview.skipped.length ? (
        <details className="text-sm">
          <summary className="cursor-pointer text-slate-700">Skipped items and why ({counts.skipped})</summary>
          <ul className="mt-2 list-disc space-y-1 pl-5 text-slate-600" data-testid="promotion-skipped">
            {preview.skipped.map((s) => (
              <li key={s.queueItemId}>
                <span className="font-mono text-xs">{s.queueItemId.slice(0, 8)}</span> {s.reason}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
