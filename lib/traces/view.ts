// Pure shaping of trace content for display. Content arrives in whatever shape the client
// sent; these functions recognise the common ones and return null for the rest, which the
// page then shows as a JSON tree. Nothing here produces HTML.

export interface ChatMessage {
  role: string;
  content: string;
  toolCalls: ToolCall[];
}

export interface ToolCall {
  id: string | null;
  name: string;
  arguments: unknown;
}

export interface RetrievedDocument {
  id: string | null;
  title: string | null;
  text: string;
  score: number | null;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function contentText(content: unknown): string | null {
  if (typeof content === "string") return content;
  // OpenAI-style content parts: [{type: "text", text}, …]
  if (Array.isArray(content)) {
    const parts = content.map((p) => (typeof p === "string" ? p : isRecord(p) && typeof p.text === "string" ? p.text : null));
    return parts.every((p) => p !== null) ? parts.join("\n") : null;
  }
  if (content === null || content === undefined) return "";
  return null;
}

function parseArguments(raw: unknown): unknown {
  if (typeof raw !== "string") return raw;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

function toolCallsOf(message: Record<string, unknown>): ToolCall[] {
  const calls = Array.isArray(message.tool_calls) ? message.tool_calls : Array.isArray(message.toolCalls) ? message.toolCalls : [];
  return calls.filter(isRecord).map((call) => {
    const fn = isRecord(call.function) ? call.function : call;
    return {
      id: typeof call.id === "string" ? call.id : null,
      name: String(fn.name ?? "tool"),
      arguments: parseArguments(fn.arguments ?? fn.args ?? fn.input),
    };
  });
}

function toMessage(value: unknown): ChatMessage | null {
  if (!isRecord(value) || typeof value.role !== "string") return null;
  const content = contentText(value.content);
  if (content === null) return null;
  return { role: value.role, content, toolCalls: toolCallsOf(value) };
}

/** Chat messages in `{messages: [...]}`, a bare array of messages, or one message; else null. */
export function chatMessages(value: unknown): ChatMessage[] | null {
  const list =
    isRecord(value) && Array.isArray(value.messages) ? value.messages : Array.isArray(value) ? value : isRecord(value) && "role" in value ? [value] : null;
  if (!list || list.length === 0) return null;
  const messages = list.map(toMessage);
  return messages.every((m) => m !== null) ? (messages as ChatMessage[]) : null;
}

/** Retrieved documents in `{documents: [...]}` or a bare array of documents with text; else null. */
export function retrievedDocuments(value: unknown): RetrievedDocument[] | null {
  const list = isRecord(value) && Array.isArray(value.documents) ? value.documents : Array.isArray(value) ? value : null;
  if (!list || list.length === 0) return null;
  const docs = list.map((d) => {
    if (!isRecord(d)) return null;
    const text = d.text ?? d.content ?? d.page_content ?? d.pageContent;
    if (typeof text !== "string") return null;
    return {
      id: d.id === undefined || d.id === null ? null : String(d.id),
      title: typeof d.title === "string" ? d.title : null,
      text,
      score: typeof d.score === "number" ? d.score : null,
    };
  });
  return docs.every((d) => d !== null) ? (docs as RetrievedDocument[]) : null;
}

export interface SpanTiming {
  spanId: string;
  parentSpanId: string | null;
  startTime: Date;
  endTime: Date | null;
}

export interface WaterfallRow<S extends SpanTiming> {
  span: S;
  depth: number;
  /** Where the bar starts and how wide it is, in percent of the trace's duration. */
  offsetPct: number;
  widthPct: number;
  durationMs: number | null;
}

/**
 * Spans in tree order (each parent before its children, siblings by start time) with bar
 * positions on the trace's time axis. Spans whose parent never arrived are shown as roots.
 */
export function waterfall<S extends SpanTiming>(spans: S[], traceStart: Date, traceEnd: Date | null): WaterfallRow<S>[] {
  const ids = new Set(spans.map((s) => s.spanId));
  const children = new Map<string | null, S[]>();
  for (const span of spans) {
    const parent = span.parentSpanId && ids.has(span.parentSpanId) && span.parentSpanId !== span.spanId ? span.parentSpanId : null;
    children.set(parent, [...(children.get(parent) ?? []), span]);
  }
  for (const list of children.values()) list.sort((a, b) => a.startTime.getTime() - b.startTime.getTime() || a.spanId.localeCompare(b.spanId));
  const start = Math.min(traceStart.getTime(), ...spans.map((s) => s.startTime.getTime()));
  const end = Math.max(traceEnd?.getTime() ?? start, ...spans.map((s) => (s.endTime ?? s.startTime).getTime()));
  const total = Math.max(end - start, 1);
  const rows: WaterfallRow<S>[] = [];
  const visited = new Set<string>();
  const visit = (parent: string | null, depth: number) => {
    for (const span of children.get(parent) ?? []) {
      if (visited.has(span.spanId)) continue;
      visited.add(span.spanId);
      const from = span.startTime.getTime();
      const to = (span.endTime ?? span.startTime).getTime();
      rows.push({
        span,
        depth,
        offsetPct: ((from - start) / total) * 100,
        widthPct: Math.max(((to - from) / total) * 100, 0.5),
        durationMs: span.endTime ? to - from : null,
      });
      visit(span.spanId, depth + 1);
    }
  };
  visit(null, 0);
  return rows;
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  if (ms < 1000) return `${ms} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}
