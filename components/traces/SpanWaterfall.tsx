import type { TraceDetail } from "@/lib/traces/detail";
import { formatDuration, waterfall } from "@/lib/traces/view";
import { SpanContent } from "./SpanContent";

const TYPE_COLOR: Record<string, string> = {
  LLM: "bg-indigo-500",
  RETRIEVAL: "bg-emerald-500",
  TOOL: "bg-amber-500",
  CHAIN: "bg-slate-400",
  EMBEDDING: "bg-sky-500",
  GUARDRAIL: "bg-rose-500",
  OTHER: "bg-slate-300",
};

/** The span tree with timings as a waterfall; each span opens to show its content. */
export function SpanWaterfall({ detail }: { detail: TraceDetail }) {
  const rows = waterfall(detail.spans, detail.trace.startTime, detail.trace.endTime);
  if (rows.length === 0) return <p className="text-sm text-slate-500">This trace has no spans.</p>;
  return (
    <ul className="divide-y divide-slate-100" data-testid="span-waterfall">
      {rows.map(({ span, depth, offsetPct, widthPct, durationMs }) => (
        <li key={span.spanId} data-testid={`span-${span.spanId}`}>
          <details>
            <summary className="grid cursor-pointer grid-cols-[minmax(0,18rem)_1fr_5rem] items-center gap-3 py-1.5 text-sm focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-500">
              <span className="truncate" style={{ paddingLeft: `${depth * 1.25}rem` }}>
                <span className="mr-2 rounded bg-slate-100 px-1 text-[10px] font-semibold text-slate-600">{span.type}</span>
                {span.name}
              </span>
              <span className="relative h-3 rounded bg-slate-50" aria-hidden="true">
                <span
                  className={`absolute top-0 h-3 rounded ${TYPE_COLOR[span.type] ?? "bg-slate-300"}`}
                  style={{ left: `${offsetPct}%`, width: `${Math.min(widthPct, 100 - offsetPct)}%` }}
                />
              </span>
              <span className="text-right tabular-nums text-slate-600">{formatDuration(durationMs)}</span>
            </summary>
            <div style={{ paddingLeft: `${depth * 1.25 + 0.5}rem` }}>
              <SpanContent span={span} />
            </div>
          </details>
        </li>
      ))}
    </ul>
  );
}
