// How an item's stored input and outputs (whatever JSON a trace held) become the shapes eval
// tools expect: chat messages, plain text, an object of named inputs. One place, so every
// format reads an item the same way.

export interface TChatMessage {
  role: string;
  content: unknown;
  [field: string]: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

export const isMessage = (value: unknown): value is TChatMessage => isRecord(value) && typeof value.role === "string" && "content" in value;

const isMessages = (value: unknown): value is TChatMessage[] => Array.isArray(value) && value.length > 0 && value.every(isMessage);

/** Field names that, alone in an object, hold the whole input as text. */
const TEXT_FIELDS = new Set(["question", "input", "query", "prompt", "text", "content"]);

/** The input as text when it is text: a string, or an object whose one field is a text field. */
export function plainText(input: unknown): string | null {
  if (typeof input === "string") return input;
  if (isRecord(input)) {
    const keys = Object.keys(input);
    if (keys.length === 1 && TEXT_FIELDS.has(keys[0]) && typeof input[keys[0]] === "string") return input[keys[0]] as string;
  }
  return null;
}

/** The input's own messages when it is a conversation (a list of messages, or an object holding one). */
export function conversationOf(input: unknown): TChatMessage[] | null {
  if (isMessages(input)) return input;
  if (isRecord(input) && isMessages(input.messages)) return input.messages;
  return null;
}

/** The input as a conversation: its own messages when it has them, else one user turn. */
export function messagesOf(input: unknown): TChatMessage[] {
  const conversation = conversationOf(input);
  if (conversation) return conversation;
  const text = plainText(input);
  return [{ role: "user", content: text ?? JSON.stringify(input) }];
}

/** An output as the text of an assistant turn: a string, a message's content, or JSON. */
export function textOf(output: unknown): string {
  if (typeof output === "string") return output;
  if (isMessages(output)) return textOf(output[output.length - 1].content);
  if (isRecord(output) && typeof output.content === "string") return output.content;
  return JSON.stringify(output ?? null);
}

/** The input as an object of named inputs: objects stay, plain text is `question`, a conversation is `messages`. */
export function inputsObject(input: unknown): Record<string, unknown> {
  if (isMessages(input)) return { messages: input };
  if (isRecord(input)) return input;
  const text = plainText(input);
  return text !== null ? { question: text } : { input };
}

/** Named string variables, for tools that expand arrays into several cases: text stays, anything else is JSON. */
export function stringVars(input: unknown): Record<string, string> {
  const text = plainText(input);
  if (text !== null) return { input: text };
  if (isMessages(input) || (isRecord(input) && isMessages(input.messages))) {
    const messages = messagesOf(input);
    const lastUser = [...messages].reverse().find((m) => m.role === "user");
    return { input: lastUser ? textOf(lastUser.content) : "", messages: JSON.stringify(messages) };
  }
  if (isRecord(input)) return Object.fromEntries(Object.entries(input).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
  return { input: JSON.stringify(input ?? null) };
}
