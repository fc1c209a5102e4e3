import { getToken } from "next-auth/jwt";
import type { ZodType } from "zod";
import { type ProjectContext, type UserActor, assertInstanceAdmin, projectContextForApiKey, sessionProjectContext, userActor } from "@/lib/auth/context";
import { type Scope, assertCan, can } from "@/lib/auth/scopes";
import { type Database, database, db, pool } from "@/lib/db/client";
import { env } from "@/lib/env";
import { type Session, sessionFromToken } from "@/lib/auth/session-token";
import { AppError, notFound } from "@/lib/errors";
import { BoundedMap } from "@/lib/bounded-map";
import { isQueueAdjudicator } from "@/lib/queues/adjudicators";
import { setContextProject } from "@/lib/ops/context";
import { badTextPath } from "@/lib/traces/limits";
import { observe } from "./observe";
import { problemResponse } from "./problem";
import { readBody } from "./raw-body";
import { sessionCookieIsSecure } from "./session-cookie";
import { isUuid } from "@/lib/ids";

// The one wrapper every route handler is built with. It resolves the caller, checks the
// Origin of cookie-authenticated writes, parses input with zod, runs one service call and
// maps typed errors to problem+json. A route that is not built here fails the route test.

type Params = Record<string, string | string[] | undefined>;
interface RouteArgs {
  params: Promise<Params>;
}

export type AuthMode = "session" | "apiKey" | "any";

export interface RouteMeta {
  kind: "project" | "user" | "public";
  auth: AuthMode | "none";
  scope?: Scope;
  /** The path parameter naming a queue whose adjudicators may call the route without the scope. */
  adjudicatorOf?: string;
  instanceAdmin?: boolean;
  /** The input schemas, so tests can walk every field of every route. */
  body?: ZodType;
  query?: ZodType;
  items?: ZodType;
  maxBodyBytes?: number;
  /** The answer's schema and success status, so the OpenAPI document is generated from them. */
  answer?: ZodType;
  status: number;
}

export interface Input<B, Q> {
  body: B;
  query: Q;
  params: Record<string, string>;
  req: Request;
  /** The database handle the route passes to its service. */
  db: Database;
}

interface Common<B, Q> {
  body?: ZodType<B>;
  query?: ZodType<Q>;
  /**
   * For a batch of ingested items, the schema of one item: the service validates each on its
   * own, cleaning its content (see lib/traces/limits), so the wrapper does not refuse the body's text.
   */
  items?: ZodType;
  /** Largest accepted request body; 1 MiB unless said otherwise. */
  maxBodyBytes?: number;
  /**
   * The JSON a successful answer carries (dates as ISO strings): it documents the answer and,
   * outside production, is checked against every answer (see `checkAnswer`).
   */
  answer?: ZodType;
  /** Status of a successful answer (200 unless said otherwise). */
  status?: number;
  /**
   * Whether a large answer may be gzipped (yes unless said otherwise). Batch writes answer a
   * few bytes per item, often, to machines: compressing them costs the server more than it saves.
   */
  compress?: boolean;
}

export type Handler = ((req: Request, args: RouteArgs) => Promise<Response>) & { meta: RouteMeta };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const DEFAULT_MAX_BODY = 1024 * 1024;
const COMPRESS_FROM_BYTES = 1024;

function bearerToken(req: Request): string | null {
  const header = req.headers.get("authorization");
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) throw new AppError("unauthenticated", "Authorization must be `Bearer <api key>`");
  return match[1];
}

/** Cookie-authenticated writes must come from our own pages (no CSRF through other sites). */
function assertSameOrigin(req: Request): void {
  if (SAFE_METHODS.has(req.method)) return;
  const origin = req.headers.get("origin");
  if (!origin || origin === "null") throw new AppError("origin_rejected", "A write needs an Origin header from this site");
  const allowed = new Set([new URL(env().NEXTAUTH_URL).origin]);
  const host = req.headers.get("host");
  if (host) allowed.add(`${new URL(req.url).protocol}//${host}`);
  if (!allowed.has(origin)) throw new AppError("origin_rejected", "Writes from another site are refused");
}

// Decoding a session cookie (key derivation and decryption) costs more than the rest of a small
// request, so a decoded cookie is remembered until its own expiry. The user row is still read on
// every request and compared with when the session signed in: a deactivated account, or a
// session ended by a password reset or "sign out everywhere", is refused at once.
const decodedSessions = new BoundedMap<string, { session: Session | null; expiresAt: number }>(10_000);

async function sessionOf(req: Request): Promise<Session | null> {
  const secret = env().NEXTAUTH_SECRET;
  if (!secret) return null;
  const header = req.headers.get("cookie") ?? "";
  if (!header.includes("session-token")) return null;
  const cached = decodedSessions.get(header);
  if (cached && cached.expiresAt > Date.now()) return cached.session;
  // next-auth reads cookies from a Map; a plain Request carries them only in its header.
  const cookies = new Map<string, string>();
  for (const part of header.split(";")) {
    const at = part.indexOf("=");
    if (at > 0) cookies.set(part.slice(0, at).trim(), decodeURIComponent(part.slice(at + 1).trim()));
  }
  const token = await getToken({ req: { cookies, headers: new Headers() } as never, secret, secureCookie: sessionCookieIsSecure() });
  const session = token ? sessionFromToken(token) : null;
  if (session && typeof token?.exp === "number") {
    decodedSessions.set(header, { session, expiresAt: token.exp * 1000 });
  }
  return session;
}

/** The text policy for what names things: NUL and lone surrogates are refused, not replaced. */
function refuseBadText(value: unknown, where: string): void {
  const path = badTextPath(value);
  if (path === null) return;
  const message = "NUL characters and lone surrogates are not accepted here";
  throw new AppError("invalid_text", `The ${where} is not valid: ${path || where}: ${message}`, [{ path: path || where, message }]);
}

/** The path's parameters as strings, as Next.js decoded them (a catch-all's parts joined by "/"). */
async function rawParams(args: RouteArgs | undefined): Promise<Record<string, string>> {
  const raw = (await args?.params) ?? {};
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v.join("/") : (v ?? "")]));
}

/** The path's parameters as strings, checked before anything (the caller's project included) is looked up by them. */
async function pathParams(args: RouteArgs | undefined): Promise<Record<string, string>> {
  const params = await rawParams(args);
  refuseBadText(params, "path");
  return params;
}

async function parseInput<B, Q>(req: Request, params: Record<string, string>, spec: Common<B, Q>): Promise<Input<B, Q>> {
  // Path ids are UUIDs: anything else names nothing, and must not reach the database as a type error.
  for (const [name, value] of Object.entries(params)) {
    if (name.endsWith("Id") && !isUuid(value)) throw new AppError("not_found", "Not found");
  }
  const url = new URL(req.url);
  let query = undefined as Q;
  if (spec.query) {
    const raw = Object.fromEntries(url.searchParams);
    refuseBadText(raw, "query");
    const parsed = spec.query.safeParse(raw);
    if (!parsed.success) throw validationError(parsed.error.issues, "query");
    query = parsed.data;
  }
  let body = undefined as B;
  if (spec.body) {
    const type = req.headers.get("content-type") ?? "";
    if (!type.toLowerCase().startsWith("application/json")) {
      throw new AppError("unsupported_media_type", "Send the body as application/json");
    }
    const text = (await readBody(req, spec.maxBodyBytes ?? DEFAULT_MAX_BODY)).toString("utf8");
    let json: unknown;
    try {
      json = text === "" ? {} : JSON.parse(text);
    } catch {
      throw new AppError("bad_request", "The body is not valid JSON");
    }
    // Batches of ingested items apply the policy item by item (content is cleaned, not refused).
    if (!spec.items) refuseBadText(json, "body");
    const parsed = spec.body.safeParse(json);
    if (!parsed.success) throw validationError(parsed.error.issues, "body");
    body = parsed.data;
  }
  return { body, query, params, req, db: database() };
}

function validationError(issues: readonly { path: PropertyKey[]; message: string }[], where: string): AppError {
  const fieldErrors = issues.map((i) => ({ path: i.path.map(String).join(".") || where, message: i.message }));
  return new AppError("validation_failed", `The ${where} is not valid: ${fieldErrors.map((e) => `${e.path}: ${e.message}`).join("; ")}`, fieldErrors);
}

/**
 * Outside production every JSON answer is checked against its schema, so a service that drifts
 * from what the API documents fails the tests loudly (a 500 with the mismatch in the log).
 * Production skips it: re-parsing every answer would cost each request for a mistake the
 * tests already catch.
 */
function checkAnswer(schema: ZodType | undefined, body: string): void {
  if (!schema || env().NODE_ENV === "production") return;
  const parsed = schema.safeParse(JSON.parse(body));
  if (!parsed.success)
    throw new Error(`The answer does not match its schema: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
}

function respond(result: unknown, spec: Common<unknown, unknown>): Response {
  const { status = 200, compress = true } = spec;
  if (result instanceof Response) return result;
  if (result === undefined || status === 204) return new Response(null, { status: 204 });
  const body = JSON.stringify(result);
  checkAnswer(spec.answer, body);
  // Small answers (most of the API's, and every labeling call) go out as they are: gzip would
  // cost more than it saves. Larger ones stay compressible.
  const cacheControl = !compress || body.length < COMPRESS_FROM_BYTES ? "no-store, no-transform" : "no-store";
  return new Response(body, { status, headers: { "content-type": "application/json", "cache-control": cacheControl } });
}

const specMeta = (spec: Common<unknown, unknown>) => ({
  body: spec.body,
  query: spec.query,
  items: spec.items,
  maxBodyBytes: spec.maxBodyBytes ?? DEFAULT_MAX_BODY,
  answer: spec.answer,
  status: spec.status ?? 200,
});

function build(meta: RouteMeta, run: (req: Request, args: RouteArgs) => Promise<Response>): Handler {
  const handler = (async (req: Request, args: RouteArgs) =>
    observe(
      req,
      () => rawParams(args),
      () => run(req, args).catch(problemResponse),
    )) as Handler;
  handler.meta = meta;
  return handler;
}

/**
 * A route inside one project: the key's project, or `[project]` (a slug) for a signed-in member.
 * With `adjudicatorOf`, a member named adjudicator of the queue in that path parameter passes
 * without the scope (an expert settling one queue's disagreements).
 */
export function projectRoute<B = undefined, Q = undefined>(
  spec: Common<B, Q> & { auth: AuthMode; scope: Scope; adjudicatorOf?: string },
  fn: (ctx: ProjectContext, input: Input<B, Q>) => Promise<unknown>,
): Handler {
  return build({ kind: "project", auth: spec.auth, scope: spec.scope, adjudicatorOf: spec.adjudicatorOf, ...specMeta(spec) }, async (req, args) => {
    const params = await pathParams(args);
    const key = bearerToken(req);
    let ctx: ProjectContext;
    if (key) {
      if (spec.auth === "session") throw new AppError("forbidden", "This route is for signed-in users, not API keys");
      ctx = await projectContextForApiKey(pool(), key);
      // A path naming another project than the key's is just a missing project.
      if (params.project !== undefined && params.project !== ctx.project.slug) throw new AppError("not_found", "Project not found");
    } else {
      if (spec.auth === "apiKey") throw new AppError("unauthenticated", "Send an API key as `Authorization: Bearer <key>`");
      // The caller and their membership in one query; a route without a project path names none.
      const slug = params.project ?? "";
      const session = await sessionOf(req);
      const caller = await sessionProjectContext(pool(), session?.userId, slug, session?.signedInAt);
      assertSameOrigin(req);
      if (!caller.project) throw notFound("Project");
      ctx = caller.project;
    }
    setContextProject(ctx.project.id);
    if (!can(ctx, spec.scope) && !(spec.adjudicatorOf && (await isQueueAdjudicator(pool(), ctx, params[spec.adjudicatorOf])))) assertCan(ctx, spec.scope);
    const input = await parseInput(req, params, spec);
    return respond(await fn(ctx, input), spec);
  });
}

/** A route for a signed-in user outside any one project (their projects, instance admin). */
export function userRoute<B = undefined, Q = undefined>(
  spec: Common<B, Q> & { instanceAdmin?: boolean },
  fn: (actor: UserActor, input: Input<B, Q>) => Promise<unknown>,
): Handler {
  return build({ kind: "user", auth: "session", instanceAdmin: spec.instanceAdmin, ...specMeta(spec) }, async (req, args) => {
    if (bearerToken(req)) throw new AppError("forbidden", "This route is for signed-in users, not API keys");
    const session = await sessionOf(req);
    const actor = await userActor(db(), session?.userId, session?.signedInAt);
    assertSameOrigin(req);
    if (spec.instanceAdmin) assertInstanceAdmin(actor);
    const input = await parseInput(req, await pathParams(args), spec);
    return respond(await fn(actor, input), spec);
  });
}

/**
 * A route anyone may call: sign-up, accepting an invitation, health. Writes still need our
 * Origin. A signed-in caller is passed along (accepting an invitation into a second project).
 */
export function publicRoute<B = undefined, Q = undefined>(
  spec: Common<B, Q>,
  fn: (input: Input<B, Q>, signedIn: UserActor | null) => Promise<unknown>,
): Handler {
  return build({ kind: "public", auth: "none", ...specMeta(spec) }, async (req, args) => {
    assertSameOrigin(req);
    const session = await sessionOf(req);
    const signedIn = session ? await userActor(db(), session.userId, session.signedInAt).catch(() => null) : null;
    const input = await parseInput(req, await pathParams(args), spec);
    return respond(await fn(input, signedIn), spec);
  });
}

/**
 * A route for machines that reads no session and, unless `fn` does, not the database: the
 * liveness probe (which must answer while the database is down) and the metrics scrape.
 */
export function probeRoute(fn: (req: Request) => Promise<unknown>): Handler {
  return build({ kind: "public", auth: "none", ...specMeta({}) }, async (req) => respond(await fn(req), {}));
}
