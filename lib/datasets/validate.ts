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
