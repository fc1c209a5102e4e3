import { TRACE_FILTER_KEYS } from "./schemas";

// The explorer keeps its whole view in the URL, so a view can be shared by copying it.

export type SearchParams = Record<string, string | string[] | undefined>;

/** Next.js search parameters as plain strings: the first value of a repeated one, empty ones dropped. */
export function plainParams(searchParams: SearchParams): Record<string, string> {
  // Keys come from the URL: built as entries, "__proto__" stays a plain key.
  const firsts = Object.entries(searchParams).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value] as const);
  return Object.fromEntries(firsts.filter((e): e is readonly [string, string] => typeof e[1] === "string" && e[1].trim() !== ""));
}

/** Only the filter's own fields, in a stable order. */
export function filterParams(params: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of TRACE_FILTER_KEYS) if (params[key]) out[key] = params[key];
  return out;
}

/** The list URL for a filter, optionally at a cursor, keeping a chosen page size. */
export function traceListHref(slug: string, params: Record<string, string>, cursor?: string | null): string {
  const query = new URLSearchParams(filterParams(params));
  if (params.limit) query.set("limit", params.limit);
  if (cursor) query.set("cursor", cursor);
  const text = query.toString();
  return `/p/${slug}/traces${text ? `?${text}` : ""}`;
}

export function traceHref(slug: string, externalId: string): string {
  return `/p/${slug}/traces/${encodeURIComponent(externalId)}`;
}
