import { type Dispatcher, request } from "undici";
import { OutboundRefused } from "@/lib/outbound";

// The chat-completions call, as the OpenAI API defines it (`POST {baseUrl}/chat/completions`,
// a JSON body, a bearer key), sent with undici's `request` through the guarded dispatcher.
// A judge run makes thousands of these a minute: measured on this machine, the official
// client over `fetch` spent about 2 ms of CPU on each call and `request` about 0.5 ms, so
// the call is written here and stays this small. Redirects are refused, never followed.

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
  dispatcher: Dispatcher;
}

const header = (value: string | string[] | undefined): string | null => (Array.isArray(value) ? (value[0] ?? null) : (value ?? null));

/** The endpoint's own words for a failed call: OpenAI's `{"error": {"message": …}}`, else the status. */
function errorMessage(status: number, text: string): string {
  try {
    const message = (JSON.parse(text) as { error?: { message?: unknown } })?.error?.message;
    if (typeof message === "string" && message) return message;
  } catch {
    // Not JSON: the status says it.
  }
  return `The endpoint answered ${status}`;
}

export function chatClient(options: ChatOptions): ChatClient {
  const url = new URL(options.baseUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/chat/completions`;
  const headers: Record<string, string> = {
    "content-type": "application/json",
    accept: "application/json",
    ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
    ...options.headers,
  };
  return {
    async complete(body) {
      const signal = AbortSignal.timeout(options.timeoutMs);
      try {
        const response = await request(url, { method: "POST", headers, body: JSON.stringify(body), dispatcher: options.dispatcher, signal });
        const { statusCode: status } = response;
        if (status >= 300 && status < 400) {
          await response.body.dump();
          throw new OutboundRefused("redirect", header(response.headers.location) ?? "another address");
        }
        if (status >= 400) {
          const text = await response.body.text();
          throw new ChatError("http", errorMessage(status, text), status, header(response.headers["retry-after"]));
        }
        const text = await response.body.text();
        try {
          return JSON.parse(text) as TChatCompletion;
        } catch (error) {
          throw new ChatError("bad_answer", "The endpoint's answer is not JSON", null, null, { cause: error });
        }
      } catch (error) {
        if (error instanceof ChatError || error instanceof OutboundRefused) throw error;
        if (signal.aborted) throw new ChatError("timeout", "The model did not answer in time", null, null, { cause: error });
        const cause = (error as { cause?: { message?: string } }).cause;
        throw new ChatError("network", cause?.message ?? (error instanceof Error ? error.message : "The endpoint could not be reached"), null, null, {
          cause: error,
        });
      }
    },
  };
}
