import OpenAI from "openai";
import type { Agent } from "undici";
import { OutboundRefused, guardedFetch } from "@/lib/outbound";

// The chat-completions call: the official OpenAI client pointed at the connection's base URL,
// sending through the guarded outbound fetch (lib/outbound: the address policy checked on the
// socket actually connected, redirects refused, never followed). The client does not retry on
// its own (a judge run schedules its retries) and logs nothing (its lines could carry request
// details). Every failure comes back as a ChatError of one kind, or the outbound refusal.

export type TChatFailureKind = "timeout" | "network" | "http" | "bad_answer";

/** A call that got no usable answer: its kind, and for an HTTP status the endpoint's own message and Retry-After. */
export class ChatError extends Error {
  constructor(
    readonly kind: TChatFailureKind,
    message: string,
    readonly status: number | null = null,
    readonly retryAfter: string | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "ChatError";
  }
}

export interface TChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface TChatBody {
  model: string;
  messages: TChatMessage[];
  response_format?: unknown;
  temperature?: number;
  max_tokens?: number;
  top_p?: number;
  seed?: number;
}

/** The parts of a completion Assay reads. */
export interface TChatCompletion {
  choices?: { message?: { content?: string | null; refusal?: string | null }; finish_reason?: string | null }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number };
}

export interface ChatClient {
  complete(body: TChatBody): Promise<TChatCompletion>;
}

export interface ChatOptions {
  baseUrl: string;
  apiKey: string | null;
  headers: Record<string, string>;
  timeoutMs: number;
  dispatcher: Agent;
}

/** The endpoint's own words for a failed call: OpenAI's `{"error": {"message": …}}`, else the status. */
function errorMessage(error: InstanceType<typeof OpenAI.APIError>): string {
  const message = (error.error as { message?: unknown } | undefined)?.message;
  return typeof message === "string" && message ? message : `The endpoint answered ${error.status}`;
}

/** What the client threw, as a ChatError (or the outbound refusal that stopped the request). */
function chatFailure(error: unknown): Error {
  if (error instanceof OpenAI.APIConnectionTimeoutError) return new ChatError("timeout", "The model did not answer in time", null, null, { cause: error });
  if (error instanceof OpenAI.APIConnectionError) {
    const cause = error.cause as { message?: string; cause?: { message?: string } } | undefined;
    if (cause instanceof OutboundRefused) return cause;
    return new ChatError("network", cause?.cause?.message ?? cause?.message ?? "The endpoint could not be reached", null, null, { cause: error });
  }
  if (error instanceof OpenAI.APIError && typeof error.status === "number") {
    return new ChatError("http", errorMessage(error), error.status, error.headers?.get("retry-after") ?? null, { cause: error });
  }
  if (error instanceof SyntaxError) return new ChatError("bad_answer", "The endpoint's answer is not JSON", null, null, { cause: error });
  return error instanceof Error ? error : new ChatError("network", "The endpoint could not be reached", null, null, { cause: error });
}

export function chatClient(options: ChatOptions): ChatClient {
  const client = new OpenAI({
    baseURL: options.baseUrl,
    // Without a key the client still wants one: a placeholder, whose header is then removed.
    apiKey: options.apiKey ?? "none",
    adminAPIKey: null,
    organization: null,
    project: null,
    webhookSecret: null,
    defaultHeaders: { ...(options.apiKey ? {} : { Authorization: null }), ...options.headers },
    fetch: guardedFetch(options.dispatcher),
    timeout: options.timeoutMs,
    maxRetries: 0,
    logLevel: "off",
  });
  return {
    async complete(body) {
      let answer: unknown;
      try {
        answer = await client.chat.completions.create(body as OpenAI.ChatCompletionCreateParamsNonStreaming);
      } catch (error) {
        throw chatFailure(error);
      }
      // A body that is not JSON comes back as text from the client.
      if (answer === null || typeof answer !== "object") throw new ChatError("bad_answer", "The endpoint's answer is not JSON");
      return answer as TChatCompletion;
    },
  };
}
