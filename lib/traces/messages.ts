// The one chat-message shape inside Assay, and normalizers for what instrumentations send.
// Pure: no database. An LLM span's input and output are stored as `{ messages: [...] }`.

export interface TToolCall {
  id?: string;
  name: string;
  arguments?: unknown;
}

export interface TChatMessage {
  role: string;
  content: string;
  name?: string;
  toolCalls?: TToolCall[];
  /** On a tool message: the call it answers. */
  toolCallId?: string;
  finishReason?: string;
}

type Attrs = Record<string, unknown>;
const isRecord = (v: unknown): v is Attrs => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : undefined);

/** Attribute values often carry JSON as a string; this parses it when it looks like JSON. */
export function maybeJson(v: unknown): unknown {
  if (typeof v !== "string") return v;
  const t = v.trimStart();
  if (!t.startsWith("[") && !t.startsWith("{")) return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

function textOf(content: unknown): string {
  if (content === undefined || content === null) return "";
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content
      .map((part) => {
        if (typeof part === "string") return part;
        if (!isRecord(part)) return "";
        return str(part.text) ?? str(part.content) ?? (part.type ? `[${String(part.type)}]` : "");
      })
      .filter(Boolean)
      .join("\n");
  }
  return JSON.stringify(content);
}

function clean(m: TChatMessage): TChatMessage {
  return Object.fromEntries(Object.entries(m).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))) as unknown as TChatMessage;
}

/** OpenAI-style `messages`: `{role, content (text or parts), tool_calls, tool_call_id, name}`. */
export function fromOpenAI(messages: unknown): TChatMessage[] {
  if (!Array.isArray(messages)) return [];
  return messages.filter(isRecord).map((m) =>
    clean({
      role: str(m.role) ?? "user",
      content: textOf(m.content),
      name: str(m.name),
      toolCallId: str(m.tool_call_id),
      toolCalls: Array.isArray(m.tool_calls)
        ? m.tool_calls.filter(isRecord).map((c) => {
            const fn = isRecord(c.function) ? c.function : c;
            return { id: str(c.id), name: str(fn.name) ?? "", arguments: maybeJson(fn.arguments) };
          })
        : undefined,
    }),
  );
}

/** GenAI semantic conventions, newer generation: `{role, parts: [{type, content | …}], finish_reason}`. */
export function fromGenAIMessages(value: unknown): TChatMessage[] {
  const messages = maybeJson(value);
  if (!Array.isArray(messages)) return [];
  return messages.filter(isRecord).map((m) => {
    const parts = Array.isArray(m.parts) ? m.parts.filter(isRecord) : [];
    const text = parts.filter((p) => p.type === "text" || p.type === "reasoning").map((p) => textOf(p.content));
    const calls = parts.filter((p) => p.type === "tool_call").map((p) => ({ id: str(p.id), name: str(p.name) ?? "", arguments: maybeJson(p.arguments) }));
    const response = parts.find((p) => p.type === "tool_call_response");
    if (response) text.push(textOf(response.response ?? response.result ?? response.content));
    return clean({
      role: str(m.role) ?? "user",
      content: text.join("\n") || (typeof m.content === "string" ? m.content : ""),
      name: str(m.name),
      toolCalls: calls,
      toolCallId: response ? str(response.id) : undefined,
      finishReason: str(m.finish_reason),
    });
  });
}

/** `gen_ai.system_instructions`: parts of the system prompt. */
export function fromSystemInstructions(value: unknown): TChatMessage[] {
  const v = maybeJson(value);
  if (v === undefined || v === null) return [];
  return [{ role: "system", content: Array.isArray(v) ? textOf(v) : textOf(isRecord(v) ? [v] : v) }];
}

/** Collects `prefix.N.rest` attributes into one record per N, in order of N. */
function indexed(attrs: Attrs, prefix: string): Attrs[] {
  const groups = new Map<number, Attrs>();
  const head = `${prefix}.`;
  for (const [key, value] of Object.entries(attrs)) {
    if (!key.startsWith(head)) continue;
    const rest = key.slice(head.length);
    const dot = rest.indexOf(".");
    const n = Number(dot < 0 ? rest : rest.slice(0, dot));
    if (!Number.isInteger(n) || dot < 0) continue;
    // The rest of the key comes from the sender: a group without a prototype keeps "__proto__" a plain key.
    const group = groups.get(n) ?? (Object.create(null) as Attrs);
    group[rest.slice(dot + 1)] = value;
    groups.set(n, group);
  }
  return [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([, g]) => g);
}

/** GenAI conventions, older generation: `gen_ai.prompt.N.role`, `gen_ai.completion.N.content`, `….tool_calls.K.name`. */
export function fromIndexedGenAI(attrs: Attrs, prefix: "gen_ai.prompt" | "gen_ai.completion"): TChatMessage[] {
  return indexed(attrs, prefix).map((g) =>
    clean({
      role: str(g.role) ?? (prefix === "gen_ai.completion" ? "assistant" : "user"),
      content: textOf(maybeJson(g.content)),
      toolCallId: str(g.tool_call_id),
      finishReason: str(g.finish_reason),
      toolCalls: indexed(g, "tool_calls").map((c) => ({ id: str(c.id), name: str(c.name) ?? "", arguments: maybeJson(c.arguments) })),
    }),
  );
}

/** OpenInference: `llm.input_messages.N.message.role`, `….message.content`, `….message.tool_calls.K.tool_call.function.name`. */
export function fromOpenInference(attrs: Attrs, prefix: "llm.input_messages" | "llm.output_messages"): TChatMessage[] {
  return indexed(attrs, prefix).map((g) => {
    const contents = indexed(g, "message.contents").map((c) => str(c["message_content.text"]) ?? "");
    return clean({
      role: str(g["message.role"]) ?? "user",
      content: str(g["message.content"]) ?? contents.filter(Boolean).join("\n"),
      name: str(g["message.name"]),
      toolCallId: str(g["message.tool_call_id"]),
      toolCalls: indexed(g, "message.tool_calls").map((c) => ({
        id: str(c["tool_call.id"]),
        name: str(c["tool_call.function.name"]) ?? "",
        arguments: maybeJson(c["tool_call.function.arguments"]),
      })),
    });
  });
}

export interface SpanEventIn {
  name: string;
  attributes: Attrs;
}

const EVENT_ROLES: Record<string, string> = {
  "gen_ai.system.message": "system",
  "gen_ai.user.message": "user",
  "gen_ai.assistant.message": "assistant",
  "gen_ai.tool.message": "tool",
};

/** GenAI conventions as span events: `gen_ai.*.message` are the input, `gen_ai.choice` the output. */
export function fromGenAIEvents(events: SpanEventIn[]): { input: TChatMessage[]; output: TChatMessage[] } {
  const input: TChatMessage[] = [];
  const output: TChatMessage[] = [];
  for (const e of events) {
    const body = maybeJson(e.attributes["gen_ai.event.content"]);
    const a: Attrs = { ...(isRecord(body) ? body : {}), ...e.attributes };
    if (EVENT_ROLES[e.name]) {
      input.push(clean({ role: str(a.role) ?? EVENT_ROLES[e.name], content: textOf(maybeJson(a.content)), toolCallId: str(a.id ?? a.tool_call_id) }));
    } else if (e.name === "gen_ai.choice") {
      const message = maybeJson(a.message);
      const m = isRecord(message) ? message : a;
      output.push(clean({ role: str(m.role) ?? "assistant", content: textOf(maybeJson(m.content)), finishReason: str(a.finish_reason) }));
    }
  }
  return { input, output };
}
