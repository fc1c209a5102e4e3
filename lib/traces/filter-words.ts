import { TRACE_FILTER_KEYS } from "./schemas";

// An explorer filter in words, for a page that acts on "every trace matching" it and must say
// which traces those are. Pure: the values are the URL's own strings, shown as text.

const LABELS: Partial<Record<(typeof TRACE_FILTER_KEYS)[number], string>> = {
  q: "text",
  name: "name",
  tags: "tags",
  release: "release",
  promptVersion: "prompt version",
  sessionId: "session",
  userId: "end user",
  model: "model",
};

/** `name "support-chat", metadata plan = pro`; "every trace" when nothing filters. */
export function filterWords(filter: Record<string, string>): string {
  const parts: string[] = [];
  for (const key of TRACE_FILTER_KEYS) {
    const value = filter[key]?.trim();
    if (!value || key === "metaValue" || key === "scoreValue") continue;
    if (key === "metaKey") parts.push(`metadata ${value} = "${filter.metaValue ?? ""}"`);
    else if (key === "scoreName") parts.push(filter.scoreValue ? `score ${value} = "${filter.scoreValue}"` : `has score ${value}`);
    else if (key === "from" || key === "to") parts.push(`${key} ${value.replace("T", " ")} UTC`);
    else parts.push(`${LABELS[key] ?? key} "${value}"`);
  }
  return parts.length ? parts.join(", ") : "every trace";
}
