// Limits on what one ingested item may hold, and the text policy. Pure: no database.
//
// Text policy (REST, OTLP and import alike): PostgreSQL cannot store U+0000 (jsonb and text
// both refuse it) nor lone UTF-16 surrogates (jsonb refuses `\ud800`). In ingested content
// (traces, spans, a score's value and comment) such characters are replaced with U+FFFD, in
// values and in object keys, and the item's result says so with the warning `text_replaced`.
// The item is kept: dropping a trace because a model emitted one stray control character
// would lose far more than the character. Everywhere else (names, ids, query and path
// parameters, everything written from the app) the route wrapper refuses them: `invalid_text`.

export const LIMITS = {
  /** Request body of `POST /api/v1/traces` and `/api/v1/scores`. */
  bodyBytes: 10 * 1024 * 1024,
  /** Items in one batch. */
  batchItems: 1000,
  /** Spans in one trace item. */
  spansPerItem: 1000,
  /** Nesting of objects and arrays inside any one field. */
  depth: 32,
  /** Characters of text in any one field (input, output, metadata, a span's attributes…). */
  fieldChars: 1024 * 1024,
  /** Keys of `metadata` and of a span's `attributes`, at the top level. */
  attributes: 256,
  /** Keys and array elements, counted together, in any one field. */
  nodes: 100_000,
  /** OTLP body after decompression (the specification's suggestion). */
  otlpBytes: 20 * 1024 * 1024,
} as const;

export type LimitCode = "too_deep" | "field_too_large" | "too_many_attributes" | "too_many_spans";

export class LimitError extends Error {
  constructor(
    readonly code: LimitCode,
    message: string,
  ) {
    super(message);
    this.name = "LimitError";
  }
}

// NUL, and any surrogate (pairs are told apart from lone ones by LONE below).
const SUSPECT = /[\u0000\ud800-\udfff]/;
const LONE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Replaces NUL and lone surrogates with U+FFFD. */
export function cleanText(text: string): string {
  if (!SUSPECT.test(text)) return text;
  return text.replace(LONE, "\ufffd");
}

/** Whether text holds NUL or a lone surrogate. */
export const hasBadText = (text: string): boolean => cleanText(text) !== text;

/**
 * The path of the first string or key holding NUL or a lone surrogate, or null. For what
 * names or identifies something: there the text is refused, since a replaced character would
 * name something else. Parsed JSON is a tree, so the walk ends.
 */
export function badTextPath(value: unknown, path = ""): string | null {
  if (typeof value === "string") return hasBadText(value) ? path : null;
  if (value === null || typeof value !== "object") return null;
  for (const [k, v] of Object.entries(value)) {
    const at = path ? `${path}.${k}` : k;
    if (hasBadText(k)) return at;
    const found = badTextPath(v, at);
    if (found !== null) return found;
  }
  return null;
}

interface Walk {
  chars: number;
  nodes: number;
  replaced: boolean;
}

/**
 * Checks one field against the limits and returns it with text cleaned. Recursion is bounded
 * by the depth limit, so a hostile 10,000-deep value fails fast instead of overflowing.
 */
export function checkField(field: string, value: unknown, options: { attributes?: boolean } = {}): { value: unknown; replaced: boolean } {
  if (options.attributes && value && typeof value === "object" && !Array.isArray(value)) {
    const count = Object.keys(value).length;
    if (count > LIMITS.attributes) throw new LimitError("too_many_attributes", `${field} has ${count} keys; at most ${LIMITS.attributes} are allowed`);
  }
  const walk: Walk = { chars: 0, nodes: 0, replaced: false };
  const cleaned = visit(field, value, 0, walk);
  return { value: cleaned, replaced: walk.replaced };
}

function text(field: string, s: string, walk: Walk): string {
  walk.chars += s.length;
  if (walk.chars > LIMITS.fieldChars) throw new LimitError("field_too_large", `${field} holds more than ${LIMITS.fieldChars} characters of text`);
  const out = cleanText(s);
  if (out !== s) walk.replaced = true;
  return out;
}

// Copy on write: a value whose text needed no cleaning is returned as it came (most are),
// so checking a field allocates nothing. The keys and values of a copy are defined as data,
// so a key named "__proto__" never becomes a prototype.
const put = (obj: Record<string, unknown>, key: string, value: unknown) =>
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });

function visit(field: string, value: unknown, depth: number, walk: Walk): unknown {
  if (typeof value === "string") return text(field, value, walk);
  if (value === null || typeof value !== "object") return value;
  if (depth >= LIMITS.depth) throw new LimitError("too_deep", `${field} is nested deeper than ${LIMITS.depth} levels`);
  if (Array.isArray(value)) {
    walk.nodes += value.length;
    if (walk.nodes > LIMITS.nodes) throw new LimitError("too_many_attributes", `${field} has more than ${LIMITS.nodes} keys and elements`);
    let copy: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const v = visit(field, value[i], depth + 1, walk);
      if (!copy && v !== value[i]) copy = value.slice(0, i);
      copy?.push(v);
    }
    return copy ?? value;
  }
  const entries = Object.entries(value);
  walk.nodes += entries.length;
  if (walk.nodes > LIMITS.nodes) throw new LimitError("too_many_attributes", `${field} has more than ${LIMITS.nodes} keys and elements`);
  let copy: Record<string, unknown> | null = null;
  for (let i = 0; i < entries.length; i++) {
    const [k, v] = entries[i];
    const key = text(field, k, walk);
    const cleaned = visit(field, v, depth + 1, walk);
    if (!copy && (key !== k || cleaned !== v)) {
      copy = {};
      for (let j = 0; j < i; j++) put(copy, entries[j][0], entries[j][1]);
    }
    if (copy) put(copy, key, cleaned);
  }
  return copy ?? value;
}
