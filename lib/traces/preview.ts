/** A one-line text preview of a trace's input or output, whatever shape it arrived in. */
export function previewText(value: unknown, max = 160): string {
  const text = extract(value).replace(/\s+/g, " ").trim();
  // Cut by code point: slicing UTF-16 units could split an emoji into a lone surrogate.
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : text;
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
