import { AsyncLocalStorage } from "node:async_hooks";

// What a log line is about: the request (or the job a request enqueued) and, once the caller is
// resolved, its project. Every log line written while work runs inside `withContext` carries it.

export interface OpsContext {
  requestId?: string;
  projectId?: string;
  job?: string;
}

// One store per process: Next.js may load this module once per bundle (routes, instrumentation),
// and a context entered in one must be seen by the logger of another.
const store = globalThis as unknown as { __assayContext?: AsyncLocalStorage<OpsContext> };
const storage = (store.__assayContext ??= new AsyncLocalStorage<OpsContext>());

export function withContext<T>(context: OpsContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The context of the work in progress; a mutable object, so the wrapper can add the project once it knows it. */
export function currentContext(): OpsContext | undefined {
  return storage.getStore();
}

/** Names the project of the request in progress, once its caller is resolved. */
export function setContextProject(projectId: string): void {
  const context = storage.getStore();
  if (context) context.projectId = projectId;
}

const SANE_REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** A caller's `X-Request-Id` when it is a plain token (it ends up in logs), else a new UUID. */
export function requestIdFrom(header: string | null): string {
  return header && SANE_REQUEST_ID.test(header) ? header : crypto.randomUUID();
}
