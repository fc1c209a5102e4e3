import { LIMITS, LimitError } from "@/lib/traces/limits";
import { type PreparedTrace, type SpanRow, isRejection, prepareTraceItem } from "@/lib/traces/prepare";
import type { TSpanType } from "@/lib/traces/schemas";
import {
  type SpanEventIn,
  type TChatMessage,
  fromGenAIEvents,
  fromGenAIMessages,
  fromIndexedGenAI,
  fromOpenAI,
  fromOpenInference,
  fromSystemInstructions,
  maybeJson,
} from "@/lib/traces/messages";

// OTLP export requests → trace items. Pure: no database. Handles both encodings once
// decoded into the OTLP/JSON shape (ids are hex strings in JSON, bytes in protobuf). Each
// span becomes an item of `POST /api/v1/traces` and goes through its cleaning and limits.

type Attrs = Record<string, unknown>;
const isRecord = (v: unknown): v is Attrs => typeof v === "object" && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const get = (o: Attrs, camel: string, snake: string) => o[camel] ?? o[snake];

/**
 * An OTLP AnyValue as a plain value; int64 beyond 2^53 stays a string rather than lose digits.
 * The walk stops at the depth limit, so a kvlist nested ten thousand deep is refused before
 * it can overflow the stack.
 */
export function anyValue(v: unknown, depth = 0): unknown {
  if (!isRecord(v)) return null;
  if ("stringValue" in v) return v.stringValue;
  if ("boolValue" in v) return v.boolValue;
  if ("intValue" in v) {
    const n = Number(v.intValue);
    return Number.isSafeInteger(n) ? n : String(v.intValue);
  }
  if ("doubleValue" in v) return Number(v.doubleValue);
  if (!("arrayValue" in v) && !("kvlistValue" in v)) {
    if ("bytesValue" in v) return typeof v.bytesValue === "string" ? v.bytesValue : Buffer.from(v.bytesValue as Uint8Array).toString("base64");
    return null;
  }
  if (depth >= LIMITS.depth) throw new LimitError("too_deep", `an attribute is nested deeper than ${LIMITS.depth} levels`);
  if ("arrayValue" in v) return list(isRecord(v.arrayValue) ? v.arrayValue.values : []).map((e) => anyValue(e, depth + 1));
  return attributes(isRecord(v.kvlistValue) ? v.kvlistValue.values : [], depth + 1);
}

/** Attribute keys come from the client: the map has no prototype for "__proto__" to replace. */
export function attributes(kvs: unknown, depth = 0): Attrs {
  const out: Attrs = Object.create(null);
  for (const kv of list(kvs)) if (isRecord(kv) && typeof kv.key === "string") out[kv.key] = anyValue(kv.value, depth);
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

const OPENINFERENCE_KINDS: Record<string, TSpanType> = {
  LLM: "LLM",
  RETRIEVER: "RETRIEVAL",
  TOOL: "TOOL",
  CHAIN: "CHAIN",
  AGENT: "CHAIN",
  EMBEDDING: "EMBEDDING",
  GUARDRAIL: "GUARDRAIL",
  RERANKER: "RETRIEVAL",
};
const GENAI_OPERATIONS: Record<string, TSpanType> = {
  chat: "LLM",
  text_completion: "LLM",
  generate_content: "LLM",
  embeddings: "EMBEDDING",
  execute_tool: "TOOL",
  invoke_agent: "CHAIN",
  create_agent: "CHAIN",
};

const first = (a: Attrs, ...keys: string[]) => keys.map((k) => a[k]).find((v) => v !== undefined && v !== null && v !== "");
const num = (v: unknown) =>
  typeof v === "number" && Number.isInteger(v) && v >= 0 && v < 2 ** 31 ? v : typeof v === "string" && /^\d{1,9}$/.test(v) ? Number(v) : null;
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
const CONTENT_KEY =
  /^(gen_ai\.(input|output)\.messages|gen_ai\.system_instructions|gen_ai\.(prompt|completion)(\.|$)|llm\.(input|output)_messages\.|input\.value|output\.value)/;

export interface MappedSpan {
  traceId: string;
  row: SpanRow;
  isRoot: boolean;
  hasContent: boolean;
  sessionId: string | null;
  userId: string | null;
  release: string | null;
  /** NUL or a lone surrogate was replaced somewhere in the span or its trace fields. */
  replaced: boolean;
}

/** Why a span was refused, in the client's own terms (attribute names, not REST fields). */
const OTLP_NAMES: Record<string, string> = { sessionId: "session.id", userId: "user.id", release: "service.version" };
const inOtlpTerms = (message: string) => message.replace(/spans\.0\./g, "").replace(/\b(sessionId|userId|release)\b/g, (f) => OTLP_NAMES[f]);

// A status message is an error's text, often longer than the column allows; it is cut
// rather than losing the span, which is the one the user most wants to see.
const STATUS_CHARS = 200;
function statusOf(raw: Attrs): string | undefined {
  const status = isRecord(raw.status) ? raw.status : {};
  const code = Number(status.code ?? 0);
  if (code === 1) return "OK";
  if (code !== 2) return undefined;
  const full = `ERROR${status.message ? `: ${String(status.message)}` : ""}`;
  if (full.length <= STATUS_CHARS) return full;
  const cut = full.slice(0, STATUS_CHARS - 1);
  return `${/[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut}…`;
}

/**
 * One span as an item of `POST /api/v1/traces` (the trace's id and fields, and the span),
 * checked and cleaned by the same code as REST; a span it refuses is refused with its reason.
 */
export function mapSpan(raw: Attrs, resource: Attrs): MappedSpan | { reason: string } {
  const traceId = hexId(get(raw, "traceId", "trace_id"), 16);
  const spanId = hexId(get(raw, "spanId", "span_id"), 8);
  if (!traceId || !spanId) return { reason: "a span has an invalid trace or span id" };
  const parentRaw = get(raw, "parentSpanId", "parent_span_id");
  const parent =
    parentRaw && !(typeof parentRaw === "string" && parentRaw === "") && !(parentRaw instanceof Uint8Array && parentRaw.length === 0)
      ? hexId(parentRaw, 8)
      : null;
  let a: Attrs;
  let events: SpanEventIn[];
  try {
    a = attributes(raw.attributes);
    events = list(raw.events)
      .filter(isRecord)
      .map((e) => ({ name: String(e.name ?? ""), attributes: attributes(e.attributes) }));
  } catch (error) {
    if (error instanceof LimitError) return { reason: `span ${spanId}: ${error.message}` };
    throw error;
  }
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
  const end = nanosToMs(get(raw, "endTimeUnixNano", "end_time_unix_nano"));
  const item = {
    id: traceId,
    sessionId: text(first(a, "session.id", "gen_ai.conversation.id") ?? first(resource, "session.id")),
    userId: text(first(a, "user.id", "enduser.id") ?? first(resource, "user.id", "enduser.id")),
    release: text(first(resource, "service.version")),
    spans: [
      {
        id: spanId,
        parentId: parent,
        type,
        name: String(raw.name ?? "") || "span",
        input: input ?? undefined,
        output: output ?? undefined,
        model,
        usage: {
          inputTokens: num(first(a, "gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens", "llm.token_count.prompt")) ?? undefined,
          outputTokens: num(first(a, "gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens", "llm.token_count.completion")) ?? undefined,
        },
        status: statusOf(raw),
        attributes: kept,
        startTime: nanosToMs(get(raw, "startTimeUnixNano", "start_time_unix_nano")) ?? Date.now(),
        endTime: end ?? undefined,
      },
    ],
  };
  const prepared = prepareTraceItem(item, 0);
  if (isRejection(prepared)) return { reason: `span ${spanId}: ${inOtlpTerms(prepared.message)}` };
  const { trace, spans } = prepared;
  return {
    traceId,
    row: spans[0],
    isRoot: !parent,
    hasContent: input !== null || output !== null,
    sessionId: trace.session_id,
    userId: trace.end_user_id,
    release: trace.release,
    replaced: prepared.warnings.includes("text_replaced"),
  };
}

export interface MappedRequest {
  items: PreparedTrace[];
  /** Spans in the request, valid or not. */
  spanCount: number;
  rejectedSpans: number;
  /** Why spans were refused, one entry per refused span. */
  reasons: string[];
  textReplaced: boolean;
}

/**
 * Groups spans by trace. The trace takes its name, input and output from its root span or,
 * when the root carries none, from its first LLM span. Without the root (it often arrives in
 * a later request) those only fill what is still empty, so the root wins whenever it lands.
 */
export function mapExportRequest(request: unknown): MappedRequest {
  const byTrace = new Map<string, MappedSpan[]>();
  const reasons: string[] = [];
  let spanCount = 0;
  let textReplaced = false;
  for (const rs of list(isRecord(request) ? get(request, "resourceSpans", "resource_spans") : [])) {
    if (!isRecord(rs)) continue;
    let resource: Attrs = {};
    let resourceRefused: string | null = null;
    try {
      resource = attributes(isRecord(rs.resource) ? rs.resource.attributes : []);
    } catch (error) {
      if (!(error instanceof LimitError)) throw error;
      resourceRefused = `resource attributes: ${error.message}`;
    }
    for (const ss of list(get(rs, "scopeSpans", "scope_spans"))) {
      if (!isRecord(ss)) continue;
      for (const raw of list(ss.spans)) {
        spanCount++;
        const mapped = resourceRefused ? { reason: resourceRefused } : isRecord(raw) ? mapSpan(raw, resource) : { reason: "a span is not an object" };
        if ("reason" in mapped) {
          reasons.push(mapped.reason);
          continue;
        }
        textReplaced ||= mapped.replaced;
        byTrace.set(mapped.traceId, [...(byTrace.get(mapped.traceId) ?? []), mapped]);
      }
    }
  }
  const items: PreparedTrace[] = [];
  for (const [traceId, spans] of byTrace) {
    spans.sort((x, y) => x.row.start_time - y.row.start_time);
    const root = spans.find((s) => s.isRoot);
    const llm = spans.find((s) => s.row.type === "LLM" && s.hasContent);
    const source = root?.hasContent ? root : llm;
    const ends = spans
      .map((s) => s.row.end_time)
      .filter((e): e is number => e !== null)
      .sort((a, b) => a - b);
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
  return { items, spanCount, rejectedSpans: reasons.length, reasons, textReplaced };
}
