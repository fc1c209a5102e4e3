"use client";

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly fieldErrors: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

/** JSON calls to our own routes; problem+json answers become ApiError with the server's message. */
export async function api<T>(url: string, options: { method?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(url, {
    method: options.method ?? (options.body === undefined ? "GET" : "POST"),
    headers: options.body === undefined ? {} : { "content-type": "application/json" },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  if (response.status === 204) return undefined as T;
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(data?.detail ?? `Request failed (${response.status})`, response.status, data?.code ?? "unknown", data?.errors ?? []);
  }
  return data as T;
}

/** One line for an alert: the server's message, then each field error with its path. */
export function errorText(e: unknown): string {
  if (!(e instanceof ApiError)) return e instanceof Error ? e.message : "Something went wrong";
  return [e.message, ...e.fieldErrors.map((f) => `${f.path}: ${f.message}`)].join(" · ");
}
