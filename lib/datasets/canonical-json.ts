import canonicalize from "canonicalize";

// RFC 8785 canonical JSON of plain JSON values (what JSON.parse and the database give), written
// for the checksum of a version, which serializes every item of a million. The `canonicalize`
// package handles any JavaScript value (toJSON, boxed primitives, cycles) with a frame per
// container, a set of the containers seen and a JSON.stringify call per string and key; values
// read as JSON need none of that. Anything that is not plain JSON goes to the package, so the
// text is the same for every input.

/** Whether every surrogate in `value` is half of a pair (String.prototype.isWellFormed, not in our TypeScript lib). */
function wellFormed(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) return false;
    if (c >= 0xd800 && c <= 0xdbff) {
      const low = value.charCodeAt(i + 1);
      if (!(low >= 0xdc00 && low <= 0xdfff)) return false;
      i++;
    }
  }
  return true;
}

/** Strings as RFC 8785 writes them: JSON.stringify's escapes (§3.2.2.2); lone surrogates refused. */
function escaped(value: string): string {
  if (!wellFormed(value)) throw new Error("Lone surrogate is not allowed");
  return JSON.stringify(value);
}

/** Most strings need no escape at all: a scan of their code units is cheaper than a call to JSON.stringify. */
function quote(value: string): string {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return escaped(value);
  }
  return `"${value}"`;
}

// Object keys repeat from item to item (role, content, answer…): each is quoted once.
const KEYS = new Map<string, string>();
const MAX_KEYS = 10_000;

function quoteKey(key: string): string {
  let quoted = KEYS.get(key);
  if (quoted === undefined) {
    quoted = quote(key);
    if (KEYS.size < MAX_KEYS) KEYS.set(key, quoted);
  }
  return quoted;
}

const skipped = (value: unknown) => value === undefined || typeof value === "function" || typeof value === "symbol";

function array(value: unknown[]): string {
  let out = "[";
  for (let i = 0; i < value.length; i++) {
    if (i) out += ",";
    out += skipped(value[i]) ? "null" : canonicalJson(value[i]);
  }
  return `${out}]`;
}

function object(value: Record<string, unknown>): string {
  // Keys sort by UTF-16 code units (§3.2.3), which is what sort() does with no comparator.
  const keys = Object.keys(value).sort();
  let out = "{";
  let first = true;
  for (const key of keys) {
    const member = value[key];
    if (skipped(member)) continue;
    if (!first) out += ",";
    out += `${quoteKey(key)}:${canonicalJson(member)}`;
    first = false;
  }
  return `${out}}`;
}

/** The RFC 8785 canonical form of a JSON value: the same text as the `canonicalize` package gives. */
export function canonicalJson(value: unknown): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
      return quote(value);
    case "boolean":
      return value ? "true" : "false";
    case "number":
      // Finite numbers print as ECMAScript's Number::toString, as §3.2.2.3 asks.
      if (Number.isFinite(value)) return `${value}`;
      break;
    case "object": {
      if (Array.isArray(value)) return array(value);
      const proto = Object.getPrototypeOf(value);
      if ((proto === Object.prototype || proto === null) && typeof (value as { toJSON?: unknown }).toJSON !== "function")
        return object(value as Record<string, unknown>);
      break;
    }
  }
  return canonicalize(value) as string;
}
