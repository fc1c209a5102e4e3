import { checkField, LimitError } from "../traces/limits";
import type { PreparedTrace, SpanRow } from "../traces/prepare";
import type { TSpanType } from "../traces/schemas";
import { type SpanEventIn, type TChatMessage, fromGenAIEvents, fromGenAIMessages, fromIndexedGenAI, fromOpenAI, fromOpenInference, fromSystemInstructions, maybeJson } from "../traces/messages";

// OTLP export requests → trace items. Pure: no database. Handles both encodings once
// decoded into the OTLP/JSON shape (ids are hex strings in JSON, bytes in protobuf).

type Attrs = Record<string, unknown>;
const isRecord = (v: unknown): v is Attrs => typeof v === "object" && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const get = (o: Attrs, camel: string, snake: string) => o[camel] ?? o[snake];

/** An OTLP AnyValue as a plain value; int64 beyond 2^53 stays a string rather than lose digits. */
export function anyValue(v: unknown): unknown {
  if (!isRecord(v)) return null;
  if ("stringValue" in v) return v.stringValue;
  if ("boolValue" in v) return v.boolValue;
  if ("intValue" in v) {
    const n = Number(v.intValue);
    return Number.isSafeInteger(n) ? n : String(v.intValue);
  }
  if ("doubleValue" in v) return Number(v.doubleValue);
  if ("arrayValue" in v) return list(isRecord(v.arrayValue) ? v.arrayValue.values : []).map(anyValue);
  if ("kvlistValue" in v) return attributes(isRecord(v.kvlistValue) ? v.kvlistValue.values : []);
  if ("bytesValue" in v) return typeof v.bytesValue === "string" ? v.bytesValue : Buffer.from(v.bytesValue as Uint8Array).toString("base64");
  return null;
}

export function attributes(kvs: unknown): Attrs {
  const out: Attrs = {};
  for (const kv of list(kvs)) if (isRecord(kv) && typeof kv.key === "string") out[kv.key] = anyValue(kv.value);
  return out;
}

/** Ids: lower-case hex of the right length; bytes from protobuf, hex strings in JSON. All-zero ids are invalid. */
function hexId(v: unknown, bytes: number): string | null {
  let hex: string | null = null;
  if (v instanceof Uint8Array) hex = v.length === bytes ? Buffer.from(v).toString("hex") : null;
  else if (typeof v === "string" && new RegExp(`^[0-9a-fA-F]{${bytes * 2}}$`).test(v)) hex = v.toLowerCase();
  return hex && /[^0]/.test(hex) ? hex : null;
}

/** Epoch milliseconds of an OTLP nanosecond timestamp (a string or a number), or null. */
const nanosToMs = (v: unknown): number | null => {
  if (v === undefined || v === null || v === "" || v === "0" || v === 0) return null;
  try {
    const ms = Number(BigInt(String(v).split(".")[0]) / 1_000_000n);
    return Number.isFinite(ms) && ms > 0 && ms < 8.64e15 ? ms : null;
  } catch {
    return null;
  }
};

const OPENINFERENCE_KINDS: Record<string, TSpanType> = { LLM: "LLM", RETRIEVER: "RETRIEVAL", TOOL: "TOOL", CHAIN: "CHAIN", AGENT: "CHAIN", EMBEDDING: "EMBEDDING", GUARDRAIL: "GUARDRAIL", RERANKER: "RETRIEVAL" };
const GENAI_OPERATIONS: Record<string, TSpanType> = { chat: "LLM", text_completion: "LLM", generate_content: "LLM", embeddings: "EMBEDDING", execute_tool: "TOOL", invoke_agent: "CHAIN", create_agent: "CHAIN" };

const first = (a: Attrs, ...keys: string[]) => keys.map((k) => a[k]).find((v) => v !== undefined && v !== null && v !== "");
const num = (v: unknown) => (typeof v === "number" && Number.isInteger(v) && v >= 0 && v < 2 ** 31 ? v : typeof v === "string" && /^\d{1,9}$/.test(v) ? Number(v) : null);
const text = (v: unknown) => (v === undefined || v === null ? null : String(v));

/** Input and output messages, whichever convention the instrumentation speaks. */
function messagesOf(a: Attrs, events: SpanEventIn[]): { input: TChatMessage[]; output: TChatMessage[] } {
  const system = fromSystemInstructions(a["gen_ai.system_instructions"]);
  let input = fromGenAIMessages(a["gen_ai.input.messages"]);
  let output = fromGenAIMessages(a["gen_ai.output.messages"]);
  if (!input.length) input = fromIndexedGenAI(a, "gen_ai.prompt");
  if (!output.length) output = fromIndexedGenAI(a, "gen_ai.completion");
  if (!input.length) input = fromOpenInference(a, "llm.input_messages");
  if (!output.length) output = fromOpenInference(a, "llm.output_messages");
  if (!input.length && Array.isArray(maybeJson(a["gen_ai.prompt"]))) input = fromOpenAI(maybeJson(a["gen_ai.prompt"]));
  if (!input.length || !output.length) {
    const fromEvents = fromGenAIEvents(events);
    if (!input.length) input = fromEvents.input;
    if (!output.length) output = fromEvents.output;
  }
  return { input: [...system.filter(() => !input.some((m) => m.role === "system")), ...input], output };
}

// Content attributes are stored as messages; keeping their raw copies would double the size.
const CONTENT_KEY = /^(gen_ai\.(input|output)\.messages|gen_ai\.system_instructions|gen_ai\.(prompt|completion)(\.|$)|llm\.(input|output)_messages\.|input\.value|output\.value)/;

export interface MappedSpan {
  traceId: string;
  row: SpanRow;
  isRoot: boolean;
  hasContent: boolean;
  sessionId: string | null;
  userId: string | null;
  release: string | null;
}

export function mapSpan(raw: Attrs, resource: Attrs): MappedSpan | null {
  const traceId = hexId(get(raw, "traceId", "trace_id"), 16);
  const spanId = hexId(get(raw, "spanId", "span_id"), 8);
  if (!traceId || !spanId) return null;
  const parentRaw = get(raw, "parentSpanId", "parent_span_id");
  const parent = parentRaw && !(typeof parentRaw === "string" && parentRaw === "") && !(parentRaw instanceof Uint8Array && parentRaw.length === 0) ? hexId(parentRaw, 8) : null;
  const a = attributes(raw.attributes);
  const events = list(raw.events).filter(isRecord).map((e) => ({ name: String(e.name ?? ""), attributes: attributes(e.attributes) }));
  const operation = String(first(a, "gen_ai.operation.name") ?? "");
  const model = text(first(a, "gen_ai.response.model", "gen_ai.request.model", "llm.model_name", "embedding.model_name"));
  let type: TSpanType = OPENINFERENCE_KINDS[String(a["openinference.span.kind"] ?? "").toUpperCase()] ?? GENAI_OPERATIONS[operation] ?? "OTHER";
  if (type === "OTHER" && model) type = "LLM";
  const { input: inMessages, output: outMessages } = type === "LLM" || operation ? messagesOf(a, events) : { input: [], output: [] };
  const input = inMessages.length ? { messages: inMessages } : (maybeJson(first(a, "input.value", "gen_ai.tool.call.arguments")) ?? null);
  const output = outMessages.length ? { messages: outMessages } : (maybeJson(first(a, "output.value", "gen_ai.tool.call.result")) ?? null);
  const provider = first(a, "gen_ai.provider.name", "gen_ai.system", "llm.provider", "llm.system");
  const kept: Attrs = Object.fromEntries(Object.entries(a).filter(([k]) => !CONTENT_KEY.test(k)));
  if (provider !== undefined) kept["gen_ai.provider.name"] = provider;
  const status = isRecord(raw.status) ? raw.status : {};
  const code = Number(status.code ?? 0);
  const start = nanosToMs(get(raw, "startTimeUnixNano", "start_time_unix_nano"));
  return {
    traceId,
    isRoot: !parent,
    hasContent: input !== null || output !== null,
    sessionId: text(first(a, "session.id", "gen_ai.conversation.id") ?? first(resource, "session.id")),
    userId: text(first(a, "user.id", "enduser.id") ?? first(resource, "user.id", "enduser.id")),
    release: text(first(resource, "service.version")),
    row: {
      span_id: spanId,
      parent_span_id: parent,
      type,
      name: String(raw.name ?? "") || "span",
      input,
      output,
      model,
      input_tokens: num(first(a, "gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens", "llm.token_count.prompt")),
      output_tokens: num(first(a, "gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens", "llm.token_count.completion")),
      status: code === 2 ? `ERROR${status.message ? `: ${String(status.message)}` : ""}` : code === 1 ? "OK" : null,
      attributes: kept,
      start_time: start ?? Date.now(),
      end_time: nanosToMs(get(raw, "endTimeUnixNano", "end_time_unix_nano")),
    },
  };
}

/** Applies the limits and the text policy to a span's stored fields; a span over a limit is rejected. */
function checked(span: MappedSpan): { span: MappedSpan; replaced: boolean } | null {
  try {
    let replaced = false;
    const row = { ...span.row };
    for (const key of ["input", "output", "attributes", "name", "span_id", "parent_span_id", "model", "status"] as const) {
      const r = checkField(key, row[key], { attributes: key === "attributes" });
      (row as Record<string, unknown>)[key] = r.value;
      replaced ||= r.replaced;
    }
    return { span: { ...span, row }, replaced };
  } catch (error) {
    if (error instanceof LimitError) return null;
    throw error;
  }
}

export interface MappedRequest {
  items: PreparedTrace[];
  /** Spans in the request, valid or not. */
  spanCount: number;
  rejectedSpans: number;
  textReplaced: boolean;
}

/**
 * Groups spans by trace. The trace takes its name, input and output from its root span or,
 * when the root carries none, from its first LLM span. Without the root (it often arrives in
 * a later request) those only fill what is still empty, so the root wins whenever it lands.
 */
export function mapExportRequest(request: unknown): MappedRequest {
  const byTrace = new Map<string, MappedSpan[]>();
  let rejectedSpans = 0;
  let spanCount = 0;
  let textReplaced = false;
  for (const rs of list(isRecord(request) ? get(request, "resourceSpans", "resource_spans") : [])) {
    if (!isRecord(rs)) continue;
    const resource = attributes(isRecord(rs.resource) ? rs.resource.attributes : []);
    for (const ss of list(get(rs, "scopeSpans", "scope_spans"))) {
      if (!isRecord(ss)) continue;
      for (const raw of list(ss.spans)) {
        spanCount++;
        const mapped = isRecord(raw) ? mapSpan(raw, resource) : null;
        const ok = mapped && checked(mapped);
        if (!ok) {
          rejectedSpans++;
          continue;
        }
        textReplaced ||= ok.replaced;
        byTrace.set(ok.span.traceId, [...(byTrace.get(ok.span.traceId) ?? []), ok.span]);
      }
    }
  }
  const items: PreparedTrace[] = [];
  for (const [traceId, spans] of byTrace) {
    spans.sort((x, y) => x.row.start_time - y.row.start_time);
    const root = spans.find((s) => s.isRoot);
    const llm = spans.find((s) => s.row.type === "LLM" && s.hasContent);
    const source = root?.hasContent ? root : llm;
    const ends = spans.map((s) => s.row.end_time).filter((e): e is number => e !== null).sort((a, b) => a - b);
    const pick = <T>(f: (s: MappedSpan) => T | null) => spans.map(f).find((v) => v !== null) ?? null;
    items.push({
      index: items.length,
      givesContent: false,
      derived: true,
      warnings: [],
      spans: spans.map((s) => s.row),
      trace: {
        external_id: traceId,
        name: root?.row.name ?? source?.row.name ?? spans[0].row.name,
        input: source?.row.input ?? null,
        output: source?.row.output ?? null,
        metadata: null,
        tags: null,
        session_id: pick((s) => s.sessionId),
        end_user_id: pick((s) => s.userId),
        release: pick((s) => s.release),
        prompt_version: null,
        start_time: spans[0].row.start_time,
        start_default: spans[0].row.start_time,
        end_time: ends.at(-1) ?? null,
        content: root ? "replace" : "fill",
        times: "widen",
      },
    });
  }
  return { items, spanCount, rejectedSpans, textReplaced };
}
