import { readdir } from "node:fs/promises";
import path from "node:path";
import type { ZodType } from "zod";
import { API_KEY_SCOPES } from "@/lib/auth/scopes";
import { db } from "@/lib/db/client";
import type { Handler } from "@/lib/http/handler";
import { type TestProject, unique } from "./fixtures";
import { sample } from "./zod-sample";

// The route registry as the tests see it: every handler under app/api, found by walking the
// folders, so a sweep over it covers a new route without anyone remembering to add it.

export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
// next-auth's own endpoints, which carry their own CSRF protection.
const EXTERNAL = new Set(["/api/auth/[...nextauth]"]);

export interface RouteCase {
  url: string;
  method: (typeof METHODS)[number];
  handler: Handler;
}

async function routeFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? routeFiles(path.join(dir, e.name)) : Promise.resolve(e.name === "route.ts" ? [path.join(dir, e.name)] : []))),
  );
  return nested.flat();
}

export async function allRoutes(): Promise<RouteCase[]> {
  const root = path.resolve("app");
  const cases: RouteCase[] = [];
  for (const file of await routeFiles(path.join(root, "api"))) {
    const url = `/${path.relative(root, path.dirname(file)).split(path.sep).join("/")}`;
    if (EXTERNAL.has(url)) continue;
    const mod = (await import(file)) as Record<string, unknown>;
    for (const method of METHODS) {
      if (mod[method]) cases.push({ url, method, handler: mod[method] as Handler });
    }
  }
  return cases;
}

/** Path parameters: the project's slug, a fresh UUID for every other one. */
export function paramsFor(url: string, project: TestProject): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [, name] of url.matchAll(/\[([^\]]+)\]/g)) params[name] = name === "project" ? project.slug : crypto.randomUUID();
  return params;
}

/** Someone the route lets in: a FULL key, the project's admin, an instance admin, or nobody. */
export function callerFor(route: RouteCase, project: TestProject, instanceAdmin: string): { key?: string; user?: string } {
  const { meta } = route.handler;
  if (meta.kind === "public") return {};
  if (meta.kind === "user") return { user: instanceAdmin };
  if (meta.auth !== "apiKey") return { user: project.users.ADMIN.id };
  // The least key that may call the route: FULL, or ADMIN for what only admins read.
  return { key: meta.scope && !API_KEY_SCOPES.FULL.includes(meta.scope) ? project.keys.ADMIN : project.keys.FULL };
}

/**
 * A route for API keys that no key scope may call (deleting a dataset takes an ADMIN signed
 * in): every caller is refused before the input is read, so sweeps of input have nothing to check.
 */
export function refusesEveryKey(route: RouteCase): boolean {
  const { meta } = route.handler;
  return meta.kind === "project" && meta.auth === "apiKey" && !Object.values(API_KEY_SCOPES).some((scopes) => scopes.includes(meta.scope!));
}

/** An instance admin of their own, for the routes outside any project. */
export async function makeInstanceAdmin(): Promise<string> {
  const user = await db().user.create({ data: { email: `${unique("instance-admin")}@example.com`, name: "Instance admin", isInstanceAdmin: true } });
  return user.id;
}

export interface Poison {
  where: "path" | "query" | "body";
  at: string;
  text: string;
}

/**
 * A plausible request for a route, built from its schemas (`handler.meta`): path, query and
 * body, with one string changed by `poison`. A batch route gets one sampled item.
 */
export function requestFor(route: RouteCase, project: TestProject, marker: string, poison?: Poison) {
  const { meta } = route.handler;
  const at = (where: Poison["where"]) => (poison?.where === where ? { at: poison.at, text: poison.text } : undefined);
  const params = paramsFor(route.url, project);
  if (poison?.where === "path") params[poison.at] = poison.text;
  let path = route.url;
  if (meta.query) {
    const query = sample(meta.query, { marker, poison: at("query") }) as Record<string, unknown>;
    path += `?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`;
  }
  let body: unknown;
  if (meta.items && meta.body) {
    const key = Object.keys(shapeOf(meta.body))[0];
    body = { [key]: [sample(meta.items, { marker, poison: at("body") }, `${key}.0`)] };
  } else if (meta.body) {
    body = sample(meta.body, { marker, poison: at("body") });
  }
  return { method: route.method, path, params, body };
}

export const shapeOf = (schema: ZodType): Record<string, ZodType> =>
  (schema as unknown as { _zod: { def: { shape?: Record<string, ZodType> } } })._zod.def.shape ?? {};

/** Every string a route's request carries, as places to change one at a time. */
export function stringsOf(route: RouteCase, project: TestProject, marker: string): Omit<Poison, "text">[] {
  const { meta } = route.handler;
  const places: Omit<Poison, "text">[] = Object.keys(paramsFor(route.url, project)).map((at) => ({ where: "path" as const, at }));
  if (meta.query) {
    const strings: string[] = [];
    sample(meta.query, { marker, strings });
    places.push(...strings.map((at) => ({ where: "query" as const, at })));
  }
  if (meta.body) {
    const strings: string[] = [];
    if (meta.items) {
      const key = Object.keys(shapeOf(meta.body))[0];
      sample(meta.items, { marker, strings }, `${key}.0`);
    } else sample(meta.body, { marker, strings });
    places.push(...strings.map((at) => ({ where: "body" as const, at })));
  }
  return places;
}
