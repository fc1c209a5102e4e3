import { randomUUID } from "node:crypto";
import { checkField, LIMITS, LimitError } from "./limits";
import { type TSpanType, type TTraceIn, ZTraceIn } from "./schemas";

// Turns one submitted item into the rows to write, or a rejection. Pure: no database.

/** How stored values combine with arriving ones when a trace already exists. */
export type ContentMode = "replace" | "fill" | "none";

export interface SpanRow {
  span_id: string;
  parent_span_id: string | null;
  type: TSpanType;
  name: string;
  input: unknown;
  output: unknown;
  model: string | null;
  input_tokens: number | null;
  output_tokens: number | null;
  status: string | null;
  attributes: Record<string, unknown>;
  /** Epoch milliseconds (Postgres turns them into timestamps without parsing text). */
  start_time: number;
  end_time: number | null;
}

export interface TraceRow {
  external_id: string;
  name: string | null;
  input: unknown;
  output: unknown;
  metadata: Record<string, unknown> | null;
  tags: string[] | null;
  session_id: string | null;
  end_user_id: string | null;
  release: string | null;
  prompt_version: string | null;
  /** Given by the client (null: keep what is stored). Times are epoch milliseconds. */
  start_time: number | null;
  /** Used when the trace is new and no start was given. */
  start_default: number;
  end_time: number | null;
  /** "replace": given content replaces stored; "fill": only fills what is empty (OTLP without a root span). */
  content: ContentMode;
  /** "replace": given times replace stored; "widen": times only widen the stored range (OTLP). */
  times: "replace" | "widen";
}

export interface PreparedTrace {
  index: number;
  trace: TraceRow;
  spans: SpanRow[];
  /** Whether the client sent input or output, which a frozen trace refuses to change. */
  givesContent: boolean;
  /** Content derived from spans (OTLP) rather than given: on a frozen trace it is left as it is. */
  derived?: boolean;
  warnings: string[];
}

export interface Rejection {
  index: number;
  id?: string;
  code: string;
  message: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Applies the limits and the text policy to every field of a raw item, before its schema. */
function cleanItem(raw: Record<string, unknown>): { item: Record<string, unknown>; replaced: boolean } {
  let replaced = false;
  /**
   * A cleaned copy of an object's own fields (`recordKey` names the field holding free-form
   * keys). An own "__proto__" key is no field of the schema, which drops unknown keys anyway;
   * assigned, it would replace the copy's prototype.
   */
  const cleanFields = (record: Record<string, unknown>, path: string, recordKey: string, skip?: string) => {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(record)) {
      if (key === "__proto__" || key === skip) continue;
      const r = checkField(`${path}${key}`, record[key], { attributes: key === recordKey });
      replaced ||= r.replaced;
      out[key] = r.value;
    }
    return out;
  };
  const item = cleanFields(raw, "", "metadata", "spans");
  if (raw.spans !== undefined) {
    if (Array.isArray(raw.spans) && raw.spans.length > LIMITS.spansPerItem) {
      throw new LimitError("too_many_spans", `A trace may carry at most ${LIMITS.spansPerItem} spans per item; send the rest in another item with the same id`);
    }
    item.spans = Array.isArray(raw.spans) ? raw.spans.map((span, i) => (isRecord(span) ? cleanFields(span, `spans.${i}.`, "attributes") : span)) : raw.spans;
  }
  return { item, replaced };
}

const ms = (d: Date | undefined) => (d ? d.getTime() : null);
const given = (v: unknown) => (v === undefined ? null : v);

export function toRows(index: number, t: TTraceIn, now: Date, warnings: string[] = []): PreparedTrace {
  const starts = (t.spans ?? []).map((s) => s.startTime?.getTime()).filter((n): n is number => n !== undefined);
  const startDefault = t.startTime?.getTime() ?? (starts.length ? Math.min(...starts) : now.getTime());
  // The last span with an id wins: a batch may carry a span and then its correction.
  const spans = new Map<string, SpanRow>();
  for (const s of t.spans ?? []) {
    spans.set(s.id, {
      span_id: s.id,
      parent_span_id: s.parentId ?? null,
      type: s.type,
      name: s.name,
      input: given(s.input),
      output: given(s.output),
      model: s.model ?? null,
      input_tokens: s.usage?.inputTokens ?? null,
      output_tokens: s.usage?.outputTokens ?? null,
      status: s.status ?? null,
      attributes: s.attributes ?? {},
      start_time: s.startTime?.getTime() ?? startDefault,
      end_time: ms(s.endTime),
    });
  }
  return {
    index,
    warnings,
    givesContent: t.input !== undefined || t.output !== undefined,
    spans: [...spans.values()],
    trace: {
      external_id: t.id ?? randomUUID(),
      name: t.name ?? null,
      input: given(t.input),
      output: given(t.output),
      metadata: t.metadata ?? null,
      tags: t.tags ?? null,
      session_id: t.sessionId ?? null,
      end_user_id: t.userId ?? null,
      release: t.release ?? null,
      prompt_version: t.promptVersion ?? null,
      start_time: ms(t.startTime),
      start_default: startDefault,
      end_time: ms(t.endTime),
      content: "replace",
      times: "replace",
    },
  };
}

/** Validates one raw item of `POST /api/v1/traces`. */
export function prepareTraceItem(raw: unknown, index: number, now = new Date()): PreparedTrace | Rejection {
  const id = isRecord(raw) && typeof raw.id === "string" ? raw.id : undefined;
  if (!isRecord(raw)) return { index, code: "validation_failed", message: "Each trace must be a JSON object" };
  try {
    const { item, replaced } = cleanItem(raw);
    const parsed = ZTraceIn.safeParse(item);
    if (!parsed.success) {
      const message = parsed.error.issues.map((i) => `${i.path.join(".") || "trace"}: ${i.message}`).join("; ");
      return { index, id, code: "validation_failed", message };
    }
    return toRows(index, parsed.data, now, replaced ? ["text_replaced"] : []);
  } catch (error) {
    if (error instanceof LimitError) return { index, id, code: error.code, message: error.message };
    throw error;
  }
}

export const isRejection = (r: PreparedTrace | Rejection): r is Rejection => "code" in r;

/** Items validated between two turns of the event loop; about 2 ms of work for ~2 KB traces. */
export const PREPARE_STEP = 16;

/**
 * Validates a batch in steps, letting the event loop run between them. A batch of 1,000
 * large items is seconds of CPU in one piece; done at once, every other request of the
 * instance (a claim, a submit, an explorer page) would wait behind it.
 */
export async function prepareInSteps(items: unknown[], now: Date, step = PREPARE_STEP): Promise<(PreparedTrace | Rejection)[]> {
  const prepared: (PreparedTrace | Rejection)[] = [];
  for (let from = 0; from < items.length; from += step) {
    if (from > 0) await new Promise((resolve) => setImmediate(resolve));
    for (let index = from; index < Math.min(from + step, items.length); index++) prepared.push(prepareTraceItem(items[index], index, now));
  }
  return prepared;
}

/**
 * Folds items that share an external id into one, in order: later fields replace earlier
 * ones, metadata merges, spans with the same id are replaced. One statement can then write
 * each trace once, and the result is the same as sending the items one after another.
 */
export function foldById(items: PreparedTrace[]): { folded: PreparedTrace[]; members: Map<string, number[]> } {
  const byId = new Map<string, PreparedTrace>();
  const members = new Map<string, number[]>();
  for (const item of items) {
    const key = item.trace.external_id;
    members.set(key, [...(members.get(key) ?? []), item.index]);
    const prev = byId.get(key);
    if (!prev) {
      byId.set(key, item);
      continue;
    }
    const a = prev.trace;
    const b = item.trace;
    const spans = new Map(prev.spans.map((s) => [s.span_id, s]));
    for (const s of item.spans) spans.set(s.span_id, s);
    const pick = <K extends keyof TraceRow>(k: K) => (b[k] ?? a[k]) as TraceRow[K];
    byId.set(key, {
      index: prev.index,
      givesContent: prev.givesContent || item.givesContent,
      warnings: [...new Set([...prev.warnings, ...item.warnings])],
      spans: [...spans.values()],
      trace: {
        ...a,
        name: pick("name"),
        input: pick("input"),
        output: pick("output"),
        metadata: a.metadata || b.metadata ? { ...a.metadata, ...b.metadata } : null,
        tags: pick("tags"),
        session_id: pick("session_id"),
        end_user_id: pick("end_user_id"),
        release: pick("release"),
        prompt_version: pick("prompt_version"),
        start_time: pick("start_time"),
        end_time: pick("end_time"),
      },
    });
  }
  return { folded: [...byId.values()], members };
}
