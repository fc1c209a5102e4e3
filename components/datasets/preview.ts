/** One line of a value for a table cell: text as it is, anything else as compact JSON, cut at `max`. */
export function preview(value: unknown, max = 90): string {
  if (value === null || value === undefined) return "—";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** The query string of the dataset page with some fields changed (empty ones dropped). */
export function pageHref(base: string, params: Record<string, string | undefined>, change: Record<string, string | undefined>): string {
  const merged = { ...params, ...change };
  const search = new URLSearchParams(Object.entries(merged).filter((e): e is [string, string] => Boolean(e[1])));
  const text = search.toString();
  return text ? `${base}?${text}` : base;
}
