import { randomBytes } from "node:crypto";
import { encode } from "next-auth/jwt";
import type { Role } from "@/lib/db/generated/enums";
import { db } from "@/lib/db/client";
import { insertKey } from "@/lib/apikeys/service";
import { newApiKey } from "@/lib/auth/tokens";
import { AppError, type ErrorCode } from "@/lib/errors";
import type { Handler } from "@/lib/http/handler";

export function unique(prefix: string): string {
  return `${prefix}-${randomBytes(5).toString("hex")}`;
}

export interface TestUser {
  id: string;
  email: string;
}

export interface TestProject {
  id: string;
  slug: string;
  users: Record<Role, TestUser>;
  keys: { INGEST: string; FULL: string; ADMIN: string };
}

/** A project with one active member of each role and one API key of each scope. */
export async function makeProject(): Promise<TestProject> {
  const slug = unique("proj");
  const project = await db().project.create({ data: { slug, name: `Project ${slug}` } });
  const users = {} as Record<Role, TestUser>;
  for (const role of ["ADMIN", "ENGINEER", "EXPERT", "VIEWER"] as const) {
    const user = await db().user.create({ data: { email: `${unique(role.toLowerCase())}@example.com`, name: `${role} of ${slug}` } });
    await db().membership.create({ data: { projectId: project.id, userId: user.id, role } });
    users[role] = { id: user.id, email: user.email };
  }
  const keys = { INGEST: newApiKey(), FULL: newApiKey(), ADMIN: newApiKey() };
  await insertKey(db(), project.id, "ingest", "INGEST", keys.INGEST, null);
  await insertKey(db(), project.id, "full", "FULL", keys.FULL, null);
  await insertKey(db(), project.id, "admin", "ADMIN", keys.ADMIN, null);
  return { id: project.id, slug, users, keys };
}

/** A session cookie as sign-in issues it (lib/auth/nextauth.ts), signed in now unless said otherwise. */
export async function sessionCookie(userId: string, signedInAt = Date.now()): Promise<string> {
  const token = await encode({ token: { sub: userId, signedInAt }, secret: process.env.NEXTAUTH_SECRET! });
  return `next-auth.session-token=${token}`;
}

export interface CallOptions {
  method?: string;
  path?: string;
  params?: Record<string, string>;
  user?: string;
  key?: string;
  body?: unknown;
  /** A body sent exactly as given (JSON that JSON.stringify cannot produce, or another format). */
  rawBody?: string | Uint8Array | ReadableStream<Uint8Array>;
  headers?: Record<string, string>;
  /** Defaults to our own origin for writes; null sends none. */
  origin?: string | null;
}

/** Calls a route handler over a real Request, as Next.js would. */
export async function call(handler: Handler, options: CallOptions = {}) {
  const method = options.method ?? "GET";
  const headers = new Headers();
  if (options.user) headers.set("cookie", await sessionCookie(options.user));
  if (options.key) headers.set("authorization", `Bearer ${options.key}`);
  const origin = options.origin === undefined ? "http://assay.test" : options.origin;
  if (origin) headers.set("origin", origin);
  let body: CallOptions["rawBody"];
  if (options.body !== undefined && method !== "GET" && method !== "HEAD") {
    headers.set("content-type", "application/json");
    body = JSON.stringify(options.body);
  }
  if (options.rawBody !== undefined) {
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
    body = options.rawBody;
  }
  for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);
  // A stream is sent as it comes, without a length: what a chunked upload looks like to a route.
  const init = { method, headers, body: body as BodyInit | undefined, ...(body instanceof ReadableStream ? { duplex: "half" } : {}) };
  const request = new Request(`http://assay.test${options.path ?? "/api/test"}`, init as RequestInit);
  const response = await handler(request, { params: Promise.resolve(options.params ?? {}) });
  const text = await response.text();
  const json = text && /json/.test(response.headers.get("content-type") ?? "") ? JSON.parse(text) : null;
  return { status: response.status, headers: response.headers, json, text };
}

/** The stable code a service call failed with, or "resolved". Errors that are not ours fail the test. */
export async function codeOf(promise: Promise<unknown>): Promise<ErrorCode | "resolved"> {
  try {
    await promise;
    return "resolved";
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}
