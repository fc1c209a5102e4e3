import { Ajv, type ValidateFunction } from "ajv";
import type { FieldError } from "@/lib/errors";

// Datasets may declare JSON Schemas for their items' input and expected output. A schema is
// checked when it is set (it must compile), and items are checked against it when they are
// added, revised and published; a failure names the path inside the value that failed.

const ajv = new Ajv({ allErrors: false, strict: false, allowUnionTypes: true });

/** The compile errors of a schema as field errors under `field`, or none. */
export function schemaProblems(schema: unknown, field: string): FieldError[] {
  if (schema === null || schema === undefined) return [];
  if (typeof schema !== "object" || Array.isArray(schema)) return [{ path: field, message: "A JSON Schema is an object" }];
  try {
    ajv.compile(schema as object);
    return [];
  } catch (error) {
    return [{ path: field, message: `Not a valid JSON Schema: ${(error as Error).message}` }];
  }
}

export type TValueCheck = (value: unknown, field: string) => FieldError[];

/** A check of values against a schema (no schema: every value passes). */
export function valueCheck(schema: unknown): TValueCheck {
  if (schema === null || schema === undefined) return () => [];
  const validate: ValidateFunction = ajv.compile(schema as object);
  return (value, field) => {
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => ({ path: `${field}${e.instancePath.replaceAll("/", ".")}`, message: e.message ?? "does not match the schema" }));
  };
}

// JSON allows any number of digits, and jsonb keeps 1e400 as it was sent, but JavaScript reads
// such a number as Infinity and RFC 8785 (the content checksum's canonical JSON) defines text for
// IEEE-754 doubles only. Kept, it could never be published or exported as written; refused, the
// sender learns where it is.
export const NUMBER_OUT_OF_RANGE = "A number beyond the range of a double (±1.8e308) cannot be canonicalized for the checksum";
const MAX_NUMBER_PROBLEMS = 20;

/** The paths under `field` of the numbers in `value` that are beyond a double's range (read as ±Infinity). */
export function numberProblems(value: unknown, field: string): FieldError[] {
  const problems: FieldError[] = [];
  const walk = (v: unknown, path: string) => {
    if (problems.length >= MAX_NUMBER_PROBLEMS) return;
    if (typeof v === "number") {
      if (!Number.isFinite(v)) problems.push({ path, message: NUMBER_OUT_OF_RANGE });
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}.${i}`));
    else if (v !== null && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
  };
  walk(value, field);
  return problems;
}
