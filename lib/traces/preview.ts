/** A one-line text preview of a trace's input or output, whatever shape it arrived in. */
export function previewText(value: unknown, max = 160): string {
  const text = extract(value).replace(/\s+/g, " ").trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function extract(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value !== "object") return String(value);
  if (Array.isArray(value)) return value.length ? extract(value.at(-1)) : "";
  const record = value as Record<string, unknown>;
  if (typeof record.content === "string") return record.content;
  if (Array.isArray(record.messages)) return extract(record.messages.at(-1));
  for (const key of ["output", "answer", "text", "query", "input"]) {
    if (key in record) return extract(record[key]);
  }
  return JSON.stringify(value);
}
