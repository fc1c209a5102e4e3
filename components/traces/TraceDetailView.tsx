import Link from "next/link";
import type { TraceDetail } from "@/lib/traces/detail";
import { chatMessages, formatDuration } from "@/lib/traces/view";
import { Card } from "@/components/ui/Card";
import { Conversation } from "./Conversation";
import { JsonTree } from "./JsonTree";
import { ScoreList } from "./ScoreList";
import { SpanWaterfall } from "./SpanWaterfall";

/** One trace: what it is, the conversation, the span waterfall, its scores and the raw JSON. */
export function TraceDetailView({ slug, detail }: { slug: string; detail: TraceDetail }) {
  const { trace } = detail;
  const input = chatMessages(trace.input);
  const output = chatMessages(trace.output);
  const facts: [string, string | null][] = [
    ["Name", trace.name],
    ["Start", trace.startTime.toISOString().replace("T", " ").replace("Z", " UTC")],
    ["Duration", trace.endTime ? formatDuration(trace.endTime.getTime() - trace.startTime.getTime()) : null],
    ["Release", trace.release],
    ["Prompt version", trace.promptVersion],
    ["Session", trace.sessionId],
    ["End user", trace.endUserId],
    ["Tags", trace.tags.join(", ") || null],
    ["Locked", trace.lockedAt ? "yes: queued or labelled, content frozen" : null],
  ];
  return (
    <>
      <div>
        <Link href={`/p/${slug}/traces`} className="text-sm text-indigo-700 hover:underline">
          ← All traces
        </Link>
        <h1 className="mt-1 break-all font-mono text-xl font-semibold" data-testid="trace-id">
          {trace.externalId}
        </h1>
      </div>
      <Card>
        <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-3">
          {facts
            .filter(([, v]) => v)
            .map(([k, v]) => (
              <div key={k}>
                <dt className="text-slate-500">{k}</dt>
                <dd className="break-words text-slate-900">{v}</dd>
              </div>
            ))}
        </dl>
      </Card>
      <Card title="Conversation">
        {input ? <Conversation messages={input} testId="trace-input" /> : <JsonTree value={trace.input} label="input" />}
        <div className="mt-3">{output ? <Conversation messages={output} testId="trace-output" /> : <JsonTree value={trace.output} label="output" />}</div>
      </Card>
      <Card title={`Spans (${detail.spans.length})`}>
        <SpanWaterfall detail={detail} />
      </Card>
      <Card title={`Scores (${detail.scores.length})`}>
        <ScoreList scores={detail.scores} />
      </Card>
      <Card title="Raw">
        <JsonTree value={{ metadata: trace.metadata, input: trace.input, output: trace.output }} label="raw" />
      </Card>
    </>
  );
}
