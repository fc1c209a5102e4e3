import { createHash } from "node:crypto";
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { Socket } from "node:net";

// A local OpenAI-compatible chat-completions server for tests and benchmarks, so nothing ever
// reaches a real provider. It answers deterministically from the prompt, and misbehaves on
// request: a directive `[[stub:<behaviour>]]` in any message, or a model named after the
// behaviour (`stub-429`, `stub-slow`…), picks what happens:
//
//   ok            an answer (the default)
//   429 / 429xN   429 with Retry-After, always / for the first N requests carrying that prompt
//   500 / 500xN   500, always / for the first N requests carrying that prompt
//   malformed     200 whose message content is not JSON when JSON was asked for
//   broken-body   200 whose body is not JSON at all
//   out-of-range  200 with a value outside the schema (above its maximum, not in its enum)
//   slow          answers after `slowMs` (past a caller's timeout)
//   unauthorized  401 as a provider answers a wrong key
//
// `[[value:<json>]]` fixes the answer's value and `[[reply:<text>]]` the whole message content.
// Structured output follows the request: response_format json_schema (a value satisfying the
// schema), json_object, or none (JSON text when the prompt asks for JSON, plain text otherwise);
// a server started without a capability answers 400 to a request for it, as providers do.
// Every answer carries usage tokens (about 4 characters a token).

export type StubCapability = "json_schema" | "json_object";

export interface ModelStubOptions {
  port?: number;
  /** Delay before every answer. */
  latencyMs?: number;
  /** Delay of the `slow` behaviour. */
  slowMs?: number;
  retryAfterSeconds?: number;
  /** When set, requests must carry `Authorization: Bearer <apiKey>` (401 otherwise). */
  apiKey?: string;
  capabilities?: StubCapability[];
  /** Called with each chat call's ordinal (1, 2, …) as it arrives; its answer waits for what this returns. */
  hold?: (ordinal: number) => Promise<void> | undefined;
}

export interface StubRequest {
  path: string;
  headers: IncomingMessage["headers"];
  body: ChatRequest | null;
}

interface ChatRequest {
  model?: string;
  messages?: { role: string; content: unknown }[];
  response_format?: { type: string; json_schema?: { name?: string; schema?: JsonSchema } };
}

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  const?: unknown;
};

export interface ModelStub {
  /** The base URL a connection uses: http://127.0.0.1:<port>/v1 */
  url: string;
  port: number;
  /** host:port, for ASSAY_ALLOWED_MODEL_HOSTS. */
  hostPort: string;
  requests: StubRequest[];
  close(): Promise<void>;
}

const hashOf = (text: string) => createHash("sha256").update(text).digest().readUInt32BE(0);
const tokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function promptOf(body: ChatRequest): string {
  return (body.messages ?? []).map((m) => (typeof m.content === "string" ? m.content : JSON.stringify(m.content))).join("\n");
}

function behaviourOf(body: ChatRequest, prompt: string): string {
  const directive = /\[\[stub:([\w-]+)\]\]/.exec(prompt)?.[1];
  if (directive) return directive;
  const model = body.model ?? "";
  return model.startsWith("stub-") ? model.slice("stub-".length) : "ok";
}

/** A value satisfying `schema`, chosen by `seed`; `outOfRange` breaks the first bounded value instead. */
function valueFor(schema: JsonSchema | undefined, seed: number, outOfRange: { pending: boolean }): unknown {
  if (!schema) return null;
  if ("const" in schema) return schema.const;
  if (schema.enum?.length) {
    if (outOfRange.pending) return ((outOfRange.pending = false), "__not_one_of_the_choices__");
    return schema.enum[seed % schema.enum.length];
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  if (type === "object") {
    const entries = Object.entries(schema.properties ?? {}).map(([key, sub], i) => [key, valueFor(sub, hashOf(`${seed}:${key}:${i}`), outOfRange)]);
    return Object.fromEntries(entries);
  }
  if (type === "array") return [valueFor(schema.items, seed, outOfRange)];
  if (type === "boolean") return seed % 2 === 0;
  if (type === "integer" || type === "number") {
    const min = schema.minimum ?? 0;
    const max = schema.maximum ?? min + 9;
    if (outOfRange.pending) return ((outOfRange.pending = false), max + 10);
    return type === "integer" ? min + (seed % (Math.floor(max - min) + 1)) : Math.round((min + ((seed % 1000) / 999) * (max - min)) * 100) / 100;
  }
  if (type === "string") return `stub rationale ${seed % 10_000}`;
  return null;
}

function contentFor(body: ChatRequest, prompt: string, behaviour: string): string {
  const reply = /\[\[reply:([\s\S]*?)\]\]/.exec(prompt)?.[1];
  if (reply !== undefined) return reply;
  const seed = hashOf(prompt);
  const fixed = /\[\[value:([\s\S]*?)\]\]/.exec(prompt)?.[1];
  const format = body.response_format?.type;
  const wantsJson = format === "json_schema" || format === "json_object" || /\bJSON\b/.test(prompt);
  if (!wantsJson) return /single word OK/i.test(prompt) ? "OK" : `Stub answer ${seed % 10_000} from ${body.model ?? "a model"}.`;
  if (behaviour === "malformed") return `{"value": ${seed % 5}, "rationale": "unfinished`;
  const outOfRange = { pending: behaviour === "out-of-range" };
  const schema = format === "json_schema" ? body.response_format?.json_schema?.schema : undefined;
  const answer = schema
    ? (valueFor(schema, seed, outOfRange) as Record<string, unknown>)
    : { value: outOfRange.pending ? 999 : 1 + (seed % 5), rationale: `stub rationale ${seed % 10_000}` };
  if (fixed !== undefined && answer && typeof answer === "object") answer.value = JSON.parse(fixed);
  return JSON.stringify(answer);
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(text);
}

const providerError = (message: string, type: string, code: string | null, param: string | null = null) => ({ error: { message, type, param, code } });

export async function startModelStub(options: ModelStubOptions = {}): Promise<ModelStub> {
  const { latencyMs = 0, slowMs = 5_000, retryAfterSeconds = 1, apiKey, capabilities = ["json_schema", "json_object"], hold } = options;
  const requests: StubRequest[] = [];
  const failuresSeen = new Map<string, number>();
  let served = 0;
  let received = 0;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = (req.url ?? "/").split("?")[0];
    let body: ChatRequest | null = null;
    try {
      body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString("utf8")) as ChatRequest) : null;
    } catch {
      body = null;
    }
    requests.push({ path, headers: req.headers, body });
    if (path.startsWith("/redirect")) return send(res, 302, "", { location: "http://169.254.169.254/latest/meta-data/" });
    if (req.method === "GET" && path.endsWith("/models"))
      return send(res, 200, { object: "list", data: [{ id: "stub-ok", object: "model", owned_by: "stub" }] });
    if (req.method !== "POST" || !path.endsWith("/chat/completions"))
      return send(res, 404, providerError(`No route ${req.method} ${path}`, "invalid_request_error", null));
    if (!body) return send(res, 400, providerError("The body is not valid JSON", "invalid_request_error", null));
    if (apiKey && req.headers.authorization !== `Bearer ${apiKey}`) {
      return send(res, 401, providerError("Incorrect API key provided.", "invalid_request_error", "invalid_api_key"));
    }
    const prompt = promptOf(body);
    const behaviour = behaviourOf(body, prompt);
    await hold?.(++received);
    if (latencyMs) await sleep(latencyMs);
    const counted = /^(429|500)x(\d+)$/.exec(behaviour);
    if (counted) {
      const key = `${behaviour}\n${prompt}`;
      const seen = failuresSeen.get(key) ?? 0;
      failuresSeen.set(key, seen + 1);
      if (seen >= Number(counted[2])) return answer(res, body, prompt, "ok");
    }
    const kind = counted?.[1] ?? behaviour;
    if (kind === "429") {
      return send(res, 429, providerError("Rate limit reached for requests.", "requests", "rate_limit_exceeded"), { "retry-after": String(retryAfterSeconds) });
    }
    if (kind === "500") return send(res, 500, providerError("The server had an error while processing your request.", "server_error", null));
    if (kind === "unauthorized") return send(res, 401, providerError("Incorrect API key provided.", "invalid_request_error", "invalid_api_key"));
    if (kind === "broken-body") return send(res, 200, '{"id": "chatcmpl-stub", "choices": [');
    if (kind === "slow") await sleep(slowMs);
    const format = body.response_format?.type;
    if ((format === "json_schema" || format === "json_object") && !capabilities.includes(format)) {
      return send(
        res,
        400,
        providerError(`response_format of type '${format}' is not supported with this model.`, "invalid_request_error", null, "response_format"),
      );
    }
    return answer(res, body, prompt, behaviour);
  }

  function answer(res: ServerResponse, body: ChatRequest, prompt: string, behaviour: string): void {
    const content = contentFor(body, prompt, behaviour);
    served++;
    const usage = { prompt_tokens: tokens(prompt), completion_tokens: tokens(content) };
    send(res, 200, {
      id: `chatcmpl-stub-${served}`,
      object: "chat.completion",
      created: 1_760_000_000,
      model: body.model ?? "stub",
      choices: [{ index: 0, message: { role: "assistant", content, refusal: null }, finish_reason: "stop", logprobs: null }],
      usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
    });
  }

  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, providerError(String(error), "server_error", null));
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    hostPort: `127.0.0.1:${port}`,
    requests,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
