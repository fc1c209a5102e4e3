import { type ZodType, z } from "zod";
import { auditDocs } from "@/lib/audit/openapi";
import { connectionDocs } from "@/lib/connections/openapi";
import { judgeRunDocs } from "@/lib/judge-runs/openapi";
import { datasetDocs } from "@/lib/datasets/openapi";
import { promotionDocs } from "@/lib/datasets/promote-openapi";
import { queueDocs } from "@/lib/queues/openapi";
import { goldDocs } from "@/lib/gold/openapi";
import { judgeDocs } from "@/lib/judge-versions/openapi";
import { judgeReportDocs } from "@/lib/judge-report/openapi";
import { reportDocs } from "@/lib/reports/openapi";
import { traceDocs } from "@/lib/traces/openapi";
import type { Handler, RouteMeta } from "./handler";
import { type ApiDocs, type OperationDoc, bodyErrors, errors, pathParam, problemFor, problemSchema, queryParams } from "./openapi-parts";

// The OpenAPI document of the public API, generated from the routes themselves: each handler's
// spec (`handler.meta`) holds the zod schemas of its query, body and answer, so the document
// cannot drift from what the routes validate and answer. The capabilities add only words
// (summaries, descriptions) and names for the schemas worth a component.

/** A route module of `app/api/v1` with the path it serves, in OpenAPI's `{param}` form. */
export type RouteModule = readonly [path: string, module: Record<string, unknown>];

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const DOCS: ApiDocs[] = [
  traceDocs,
  queueDocs,
  reportDocs,
  goldDocs,
  datasetDocs,
  promotionDocs,
  connectionDocs,
  judgeDocs,
  judgeRunDocs,
  judgeReportDocs,
  auditDocs,
];
const COMPONENT = "#/components/schemas/";

type JsonSchema = Record<string, unknown>;

/** Named schemas as components; a request is described as it may be sent, an answer as it is sent. */
function components(named: Record<string, ZodType>, io: "input" | "output") {
  const registry = z.registry<{ id: string }>();
  for (const [id, s] of Object.entries(named)) registry.add(s, { id });
  const { schemas } = z.toJSONSchema(registry, { io, unrepresentable: "any", uri: (id) => `${COMPONENT}${id}`, override: plainer });
  return Object.fromEntries(Object.entries(schemas).map(([id, { $schema: _s, $id: _i, ...rest }]) => [id, rest as JsonSchema]));
}

/**
 * zod spells out a date-time's grammar as a regular expression, and an integer's range as
 * JavaScript's safe integers: `format` and `type` already say both.
 */
function plainer(ctx: { jsonSchema: JsonSchema }): void {
  const s = ctx.jsonSchema;
  if (s.format === "date-time") delete s.pattern;
  if (s.type === "integer" && s.minimum === Number.MIN_SAFE_INTEGER) delete s.minimum;
  if (s.type === "integer" && s.maximum === Number.MAX_SAFE_INTEGER) delete s.maximum;
}

function schemaOf(s: ZodType, names: Map<ZodType, string>, io: "input" | "output"): JsonSchema {
  const name = names.get(s);
  if (name) return { $ref: `${COMPONENT}${name}` };
  const { $schema: _s, ...rest } = z.toJSONSchema(s, { io, unrepresentable: "any", override: plainer }) as JsonSchema;
  return rest;
}

function operation(path: string, meta: RouteMeta, doc: OperationDoc, requests: Map<ZodType, string>, answers: Map<ZodType, string>) {
  const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  const body = doc.body ?? meta.body;
  const success =
    meta.answer && meta.status !== 204
      ? { description: doc.answers ?? "Success", content: { "application/json": { schema: schemaOf(meta.answer, answers, "output") } } }
      : { description: doc.answers ?? "No content" };
  return {
    summary: doc.summary,
    ...(doc.description ? { description: doc.description } : {}),
    ...(meta.kind === "public" ? { security: [] } : {}),
    parameters: [...inPath.map((name) => pathParam(name, doc.params?.[name])), ...(meta.query ? queryParams(meta.query) : [])],
    ...(body ? { requestBody: { required: true, content: { "application/json": { schema: schemaOf(body, requests, "input") } } } } : {}),
    responses: {
      [String(meta.status)]: success,
      // An id that names nothing in the project, or is not a UUID at all, is a 404.
      ...(inPath.some((name) => name.endsWith("Id")) ? { "404": problemFor("Nothing of that id in the key's project (`not_found`)") } : {}),
      ...(body ? bodyErrors : {}),
      ...(meta.kind === "public" ? {} : { "401": errors["401"], "403": errors["403"] }),
      ...(body || meta.query ? { "422": errors["422"] } : {}),
      ...doc.responses,
    },
  };
}

export function openApiDocument(routes: readonly RouteModule[]) {
  const operations: Record<string, OperationDoc> = Object.assign({}, ...DOCS.map((d) => d.operations));
  const requests: Record<string, ZodType> = Object.assign({}, ...DOCS.map((d) => d.requests));
  const answers: Record<string, ZodType> = Object.assign({}, ...DOCS.map((d) => d.answers));
  const nameOf = (named: Record<string, ZodType>) => new Map(Object.entries(named).map(([name, s]) => [s, name]));
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [path, mod] of routes) {
    for (const method of METHODS) {
      const handler = mod[method] as Handler | undefined;
      if (!handler) continue;
      const key = `${method.toLowerCase()} ${path}`;
      const doc = operations[key];
      if (!doc) throw new Error(`No summary for ${key}: describe it in its capability's openapi.ts`);
      paths[path] = { ...paths[path], [method.toLowerCase()]: operation(path, handler.meta, doc, nameOf(requests), nameOf(answers)) };
    }
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Assay public API",
      version: "1",
      description: "Traces in, scores in, traces out, annotation queues and their labels. Authenticate with `Authorization: Bearer <project API key>`.",
    },
    components: {
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "A project API key (INGEST, FULL or ADMIN)" } },
      schemas: { ...components(requests, "input"), ...components(answers, "output"), Problem: problemSchema },
    },
    security: [{ apiKey: [] }],
    paths: { ...paths, ...Object.assign({}, ...DOCS.map((d) => d.paths)) },
  };
}
