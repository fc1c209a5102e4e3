import { type ZodType, z } from "zod";

// Pieces of the public API's OpenAPI document (lib/http/openapi.ts) shared with the modules
// that describe its operations: requests and answers come from the zod schemas of the routes'
// specs, errors are the problems lib/http/problem.ts answers with.

/** What a capability says about one operation beyond what its route's spec holds. */
export interface OperationDoc {
  summary: string;
  description?: string;
  /** Descriptions of the path's parameters. */
  params?: Record<string, string>;
  /** The body as documented, for a batch whose items the service validates one by one. */
  body?: ZodType;
  /** What a success answers, in a sentence. */
  answers?: string;
  /** Responses beyond, or more precise than, those the spec implies. */
  responses?: Record<string, object>;
}

/** A capability's part of the document: its operations ("get /api/v1/…"), named schemas, paths outside /api/v1. */
export interface ApiDocs {
  operations: Record<string, OperationDoc>;
  requests?: Record<string, ZodType>;
  answers?: Record<string, ZodType>;
  paths?: Record<string, object>;
}

/** The JSON Schema of what a request may send (defaults make fields optional). */
export const schema = (s: ZodType) => z.toJSONSchema(s, { io: "input", unrepresentable: "any" });

/** The objects a query schema is made of (the trace list's is filter ∩ page). */
function objectsOf(s: ZodType): z.ZodObject[] {
  const def = (s as unknown as { _zod: { def: { type: string; left?: ZodType; right?: ZodType } } })._zod.def;
  if (def.type === "intersection") return [...objectsOf(def.left!), ...objectsOf(def.right!)];
  return s instanceof z.ZodObject ? [s] : [];
}

export function queryParams(s: ZodType) {
  return objectsOf(s)
    .flatMap((o) => Object.entries(o.shape))
    .map(([name, field]) => {
      const { description, ...rest } = schema(field as ZodType) as Record<string, unknown>;
      return { name, in: "query", required: !(field as ZodType).safeParse(undefined).success, ...(description ? { description } : {}), schema: rest };
    });
}

/** A path parameter; ids named `…Id` are UUIDs, and anything else in their place is a 404. */
export function pathParam(name: string, description?: string) {
  const type = name.endsWith("Id") ? { type: "string", format: "uuid" } : { type: "string" };
  return { name, in: "path", required: true, schema: type, ...(description ? { description } : {}) };
}

export const jsonResponse = (description: string, s: object) => ({ description, content: { "application/json": { schema: s } } });

export const problemSchema = {
  type: "object",
  required: ["type", "title", "status", "code", "detail"],
  properties: {
    type: { type: "string" },
    title: { type: "string" },
    status: { type: "integer" },
    code: { type: "string" },
    detail: { type: "string" },
    errors: {
      type: "array",
      items: { type: "object", properties: { path: { type: "string" }, message: { type: "string" }, line: { type: "integer" }, column: { type: "integer" } } },
    },
  },
};

export const problem = {
  description: "An RFC 9457 problem with a stable `code`",
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
};
export const problemFor = (description: string) => ({ ...problem, description });

export const errors = {
  "401": problemFor("No key, or an unknown or revoked key (`unauthenticated`)"),
  "403": problemFor("The key's scope lacks the permission (`forbidden`)"),
  "422": problemFor("The request does not match its schema (`validation_failed`)"),
};

/** What any route with a JSON body may also answer. */
export const bodyErrors = {
  "400": problemFor("The body is not valid JSON (`bad_request`)"),
  "413": problemFor("The body is too large (`payload_too_large`)"),
  "415": problemFor("The body is not `application/json` (`unsupported_media_type`)"),
};
