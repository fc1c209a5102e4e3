import type { TraceDetail } from "@/lib/traces/detail";
import { chatMessages, retrievedDocuments } from "@/lib/traces/view";
import { Conversation } from "./Conversation";
import { DocumentCards } from "./DocumentCards";
import { JsonTree } from "./JsonTree";

type Span = TraceDetail["spans"][number];

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="space-y-1">
      <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h4>
      {children}
    </div>
  );
}

/** A span's content in the form its type suggests; a JSON tree whenever the shape is unknown. */
export function SpanContent({ span }: { span: Span }) {
  const inMessages = chatMessages(span.input);
  const outMessages = chatMessages(span.output);
  const documents = span.type === "RETRIEVAL" ? retrievedDocuments(span.output) : null;
  const isTool = span.type === "TOOL";
  const attributes = span.attributes && typeof span.attributes === "object" && Object.keys(span.attributes).length ? span.attributes : null;
  return (
    <div className="space-y-3 py-3" data-testid={`span-content-${span.spanId}`}>
      {span.model || span.inputTokens !== null || span.outputTokens !== null || span.status ? (
        <p className="text-xs text-slate-600">
          {span.model ? <span className="mr-3 font-mono">{span.model}</span> : null}
          {span.inputTokens !== null ? <span className="mr-3">{span.inputTokens} tokens in</span> : null}
          {span.outputTokens !== null ? <span className="mr-3">{span.outputTokens} tokens out</span> : null}
          {span.status ? <span>status {span.status}</span> : null}
        </p>
      ) : null}
      {span.input !== null ? (
        <Section title={isTool ? "Arguments" : "Input"}>{inMessages ? <Conversation messages={inMessages} /> : <JsonTree value={span.input} />}</Section>
      ) : null}
      {span.output !== null ? (
        <Section title={isTool ? "Result" : documents ? "Retrieved documents" : "Output"}>
          {documents ? <DocumentCards documents={documents} /> : outMessages ? <Conversation messages={outMessages} /> : <JsonTree value={span.output} />}
        </Section>
      ) : null}
      {attributes ? (
        <Section title="Attributes">
          <JsonTree value={attributes} />
        </Section>
      ) : null}
    </div>
  );
}
