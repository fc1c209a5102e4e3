// A judge's prompt template: text with `{{variable}}` slots, parsed once into literal parts and
// slots. Rendering only concatenates: a value is data and is never parsed again, so a trace
// whose output says "{{expected}}" cannot pull the reference answer into the prompt, and a
// value can never close the slot it sits in.

export type TJudgeMode = "single" | "pairwise";

const COMMON = ["input", "expected", "context", "conversation", "criterion", "examples"] as const;
const BY_MODE: Record<TJudgeMode, readonly string[]> = {
  single: [...COMMON, "output"],
  pairwise: [...COMMON, "output_a", "output_b"],
};
/** `metadata.` followed by dot-separated keys (letters, digits, `_`, `-`) or array indexes. */
const METADATA_PATH = /^metadata(\.[A-Za-z0-9_-]+)+$/;
const SLOT = /\{\{\s*([^{}]*?)\s*\}\}/g;

export type TTemplatePart = { text: string } | { variable: string; path?: string[] };

export interface TParsedTemplate {
  mode: TJudgeMode;
  parts: TTemplatePart[];
  /** The variables used, each once, in order of first use (`metadata.a.b` as written). */
  variables: string[];
}

/** Where a template is wrong: the offending text, its offset and its line and column (1-based). */
export class TemplateError extends Error {
  constructor(
    message: string,
    /** The variable as written, or `{{` for an unclosed slot. */
    readonly variable: string,
    readonly offset: number,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = "TemplateError";
  }
}

function positionOf(template: string, offset: number): { line: number; column: number } {
  const before = template.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}

function fail(template: string, offset: number, name: string, why: string): never {
  const { line, column } = positionOf(template, offset);
  throw new TemplateError(`${why} at line ${line}, column ${column}`, name, offset, line, column);
}

function slotOf(template: string, offset: number, name: string, mode: TJudgeMode): TTemplatePart {
  if (BY_MODE[mode].includes(name)) return { variable: name };
  if (METADATA_PATH.test(name)) return { variable: "metadata", path: name.split(".").slice(1) };
  const other: TJudgeMode = mode === "single" ? "pairwise" : "single";
  if (BY_MODE[other].includes(name)) fail(template, offset, name, `{{${name}}} is only for ${other} judges`);
  const known = [...BY_MODE[mode], "metadata.<path>"].map((v) => `{{${v}}}`).join(", ");
  fail(template, offset, name, `Unknown variable {{${name}}} (use ${known})`);
}

/** Parses a template; throws TemplateError naming the first unknown variable or unclosed slot. */
export function parseTemplate(template: string, mode: TJudgeMode): TParsedTemplate {
  const parts: TTemplatePart[] = [];
  const variables: string[] = [];
  let at = 0;
  for (const match of template.matchAll(SLOT)) {
    const text = template.slice(at, match.index);
    const stray = text.indexOf("{{");
    if (stray >= 0) fail(template, at + stray, "{{", "An opening {{ without its closing }}");
    if (text) parts.push({ text });
    const slot = slotOf(template, match.index, match[1], mode);
    parts.push(slot);
    if (!variables.includes(match[1])) variables.push(match[1]);
    at = match.index + match[0].length;
  }
  const rest = template.slice(at);
  const stray = rest.indexOf("{{");
  if (stray >= 0) fail(template, at + stray, "{{", "An opening {{ without its closing }}");
  if (rest) parts.push({ text: rest });
  return { mode, parts, variables };
}

/** What fills the slots for one target. `undefined` is missing; every other value renders. */
export interface TTemplateValues {
  input?: unknown;
  output?: unknown;
  output_a?: unknown;
  output_b?: unknown;
  expected?: unknown;
  context?: unknown;
  conversation?: unknown;
  metadata?: unknown;
  /** The criterion as text (`criterionText`). */
  criterion?: string;
  /** The calibration examples as text (`examplesText`). */
  examples?: string;
}

/** JSON with object keys sorted at every depth, so the same value always renders the same prompt. */
export function stableJson(value: unknown): string {
  const sorted = (_key: string, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v;
  return JSON.stringify(value, sorted, 2) ?? "null";
}

const asText = (value: unknown): string => (typeof value === "string" ? value : stableJson(value));

function lookup(value: unknown, path: string[]): unknown {
  let at = value;
  for (const key of path) {
    if (at === null || typeof at !== "object" || !Object.hasOwn(at, key)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** A target that lacks a value the template uses: rendering it would send an incomplete prompt. */
export class MissingValuesError extends Error {
  constructor(readonly missing: string[]) {
    super(`No value for ${missing.map((m) => `{{${m}}}`).join(", ")}`);
    this.name = "MissingValuesError";
  }
}

/** The filled prompt. Throws MissingValuesError naming every slot without a value. */
export function renderTemplate(parsed: TParsedTemplate, values: TTemplateValues): string {
  const missing: string[] = [];
  const out = parsed.parts.map((part) => {
    if ("text" in part) return part.text;
    const value = part.path ? lookup(values.metadata, part.path) : values[part.variable as keyof TTemplateValues];
    if (value === undefined) {
      const name = part.path ? `metadata.${part.path.join(".")}` : part.variable;
      if (!missing.includes(name)) missing.push(name);
      return "";
    }
    return asText(value);
  });
  if (missing.length > 0) throw new MissingValuesError(missing);
  return out.join("");
}
