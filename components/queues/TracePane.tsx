import { chatMessages, retrievedDocuments } from "@/lib/traces/view";
import { Conversation } from "@/components/traces/Conversation";
import { DocumentCards } from "@/components/traces/DocumentCards";
import { JsonTree } from "@/components/traces/JsonTree";
import type { TTraceView } from "./types";

function Block({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="space-y-1">
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h3>
      {children}
    </section>
  );
}

function Content({ value }: { value: unknown }) {
  if (typeof value === "string") return <p className="whitespace-pre-wrap rounded-md bg-slate-50 p-3 text-sm">{value}</p>;
  const messages = chatMessages(value);
  return messages ? <Conversation messages={messages} /> : <JsonTree value={value} />;
}

/**
 * What a rater needs from one trace: the input (the conversation), the context the model
 * retrieved, the response, and the metadata that explains it. Everything renders as text.
 */
export function TracePane({ trace, showInput = true, showResponse = true }: { trace: TTraceView; showInput?: boolean; showResponse?: boolean }) {
  const documents = trace.spans.filter((s) => s.type === "RETRIEVAL").flatMap((s) => retrievedDocuments(s.output) ?? []);
  const meta = {
    ...(trace.release ? { release: trace.release } : {}),
    ...(trace.promptVersion ? { promptVersion: trace.promptVersion } : {}),
    ...(trace.metadata ?? {}),
  };
  return (
    <div className="space-y-4">
      {showInput ? (
        <Block title="Input">
          <Content value={trace.input} />
        </Block>
      ) : null}
      {showResponse && documents.length > 0 ? (
        <Block title="Retrieved context">
          <DocumentCards documents={documents} />
        </Block>
      ) : null}
      {showResponse ? (
        <Block title="Response">
          <div data-testid="item-response">
            <Content value={trace.output} />
          </div>
        </Block>
      ) : null}
      {(showResponse && Object.keys(meta).length > 0) || trace.tags.length > 0 ? (
        <details className="text-sm">
          <summary className="cursor-pointer text-slate-600">Metadata{trace.tags.length ? ` · ${trace.tags.join(", ")}` : ""}</summary>
          <JsonTree value={meta} />
        </details>
      ) : null}
    </div>
  );
}
