import { randomUUID } from "node:crypto";
import type { ZodType } from "zod";

// Builds a value a route's zod schema most likely accepts, from the schema's own definition
// (zod 4's `_zod.def`), so sweeps can send every route a plausible body with one field
// changed at a time. It records the path of every string it produced, and replaces the one
// at `poison.at` with `poison.text`.

interface Def {
  type: string;
  checks?: { _zod: { def: Record<string, unknown> } }[];
  [key: string]: unknown;
}

export interface SampleOptions {
  /** Every string's path, filled in as the sample is built. */
  strings?: string[];
  poison?: { at: string; text: string };
  /** A stable mark inside every generated string, to find what a request stored. */
  marker?: string;
}

const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;
const checks = (def: Def) => (def.checks ?? []).map((c) => c._zod.def);

function sampleString(def: Def, marker: string): string {
  const all = [{ format: def.format }, ...checks(def)];
  const format = all.map((c) => c.format).find((f) => f && f !== "regex");
  if (format === "email") return `${marker}-${randomUUID().slice(0, 8)}@example.com`;
  if (format === "uuid" || format === "guid") return randomUUID();
  if (format === "url") return "https://example.com/";
  if (format === "datetime") return new Date().toISOString();
  const min = Math.max(0, ...checks(def).map((c) => (c.check === "min_length" ? Number(c.minimum) : 0)));
  return `${marker}x${randomUUID().slice(0, 6)}`.padEnd(min, "x");
}

function sampleNumber(def: Def): number {
  const low = checks(def).find((c) => c.check === "greater_than");
  if (!low) return 1;
  return Number(low.value) + (low.inclusive ? 0 : 1);
}

export function sample(schema: ZodType, options: SampleOptions = {}, path = ""): unknown {
  const def = defOf(schema);
  const marker = options.marker ?? "sweep";
  const inner = (s: unknown, p = path) => sample(s as ZodType, options, p);
  switch (def.type) {
    case "string": {
      options.strings?.push(path);
      return options.poison?.at === path ? options.poison.text : sampleString(def, marker);
    }
    case "number":
    case "int":
    case "bigint":
      return sampleNumber(def);
    case "boolean":
      return true;
    case "date":
      return new Date().toISOString();
    case "literal":
      return (def.values as unknown[])[0];
    case "enum":
      return Object.values(def.entries as Record<string, unknown>)[0];
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "catch":
    case "readonly":
    case "nonoptional":
      return inner(def.innerType);
    case "pipe":
      return defOf(def.in).type === "transform" ? inner(def.out) : inner(def.in);
    case "lazy":
      return inner((def.getter as () => unknown)());
    case "union": {
      // A string option, where there is one, gives the sweep a field to change.
      const options_ = def.options as unknown[];
      return inner(options_.find((o) => defOf(o).type === "string") ?? options_[0]);
    }
    case "intersection":
      return { ...(inner(def.left) as object), ...(inner(def.right) as object) };
    case "tuple":
      return (def.items as unknown[]).map((s, i) => inner(s, `${path}.${i}`));
    case "array": {
      const min = Math.max(1, ...checks(def).map((c) => (c.check === "min_length" ? Number(c.minimum) : 0)));
      return Array.from({ length: min }, (_, i) => inner(def.element, path ? `${path}.${i}` : String(i)));
    }
    case "record":
      return { key: inner(def.valueType, path ? `${path}.key` : "key") };
    case "object": {
      const out: Record<string, unknown> = {};
      for (const [key, s] of Object.entries(def.shape as Record<string, unknown>)) out[key] = inner(s, path ? `${path}.${key}` : key);
      return out;
    }
    default:
      // unknown, any, json, custom: free-form content.
      options.strings?.push(path);
      return options.poison?.at === path ? options.poison.text : `${marker} content`;
  }
}
