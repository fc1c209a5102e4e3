import { z } from "zod";
import { ZTime } from "@/lib/traces/answers";

// What the model connection routes take and answer. A key or a header value goes in and
// never comes out: answers carry `hasApiKey` and header names only.

export const STRUCTURED_OUTPUTS = ["json_schema", "json_object", "prompt"] as const;
export const ZStructuredOutput = z
  .enum(STRUCTURED_OUTPUTS)
  .describe("How a structured answer is asked for: response_format json_schema, json_object, or instructions in the prompt only");

// Headers the HTTP client sets itself; a connection may not override them.
const RESERVED_HEADERS = new Set(["host", "content-length", "content-type", "connection", "transfer-encoding", "keep-alive", "upgrade", "te", "trailer"]);

const ZBaseUrl = z
  .url({ protocol: /^https?$/, error: "Give an http or https URL" })
  .max(2000)
  .refine((u) => !new URL(u).username && !new URL(u).password, "Put credentials in the API key or a header, not in the URL")
  .refine((u) => !new URL(u).hash, "A base URL has no #fragment")
  .describe("The OpenAI-compatible API root, e.g. https://api.openai.com/v1 (chat completions are POSTed to <base URL>/chat/completions)");

const ZPrice = z.number().min(0).max(1_000_000);

export const ZModelPrice = z.object({
  name: z.string().trim().min(1, "Name the model").max(200),
  inputPerMillion: ZPrice.default(0).describe("Price of a million input tokens, in the currency the project reports in"),
  outputPerMillion: ZPrice.default(0).describe("Price of a million output tokens"),
});

const ZHeaderName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, "A header name is letters, digits and - (no spaces or colons)")
  .refine((n) => !RESERVED_HEADERS.has(n.toLowerCase()), "This header is set by Assay itself");

const ZSecretText = z.string().min(1).max(8192);

export const ZHeaderInput = z.object({
  name: ZHeaderName,
  value: ZSecretText.optional().describe("Stored encrypted and never shown again; on a change, leave it out to keep the stored value"),
});

const unique = (names: string[]) => new Set(names.map((n) => n.toLowerCase())).size === names.length;

const ZModels = z
  .array(ZModelPrice)
  .min(1, "Name at least one model")
  .max(50)
  .refine((models) => unique(models.map((m) => m.name)), "Each model is named once");
const ZHeaders = z
  .array(ZHeaderInput)
  .max(20)
  .refine((headers) => unique(headers.map((h) => h.name)), "Each header is named once");

const ZName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[\w][\w .:@+/-]*$/, "Letters, digits, spaces and . : @ + / - _, starting with a letter or digit");

export const ZConnectionCreate = z.object({
  name: ZName,
  baseUrl: ZBaseUrl,
  models: ZModels,
  structuredOutput: ZStructuredOutput.default("json_schema"),
  headers: ZHeaders.refine((headers) => headers.every((h) => h.value !== undefined), "Give each header a value").default([]),
  apiKey: ZSecretText.optional().describe("Sent as a bearer token; stored encrypted, never shown again. Leave out for endpoints without keys"),
});
export type TConnectionCreate = z.infer<typeof ZConnectionCreate>;

export const ZConnectionUpdate = z.object({
  name: ZName.optional(),
  baseUrl: ZBaseUrl.optional(),
  models: ZModels.optional(),
  structuredOutput: ZStructuredOutput.optional(),
  headers: ZHeaders.optional().describe("The whole set of headers; a header sent without a value keeps its stored one"),
});
export type TConnectionUpdate = z.infer<typeof ZConnectionUpdate>;

export const ZRotateKey = z.object({
  apiKey: ZSecretText.nullable().describe("The new key, or null to send none from now on"),
});
export type TRotateKey = z.infer<typeof ZRotateKey>;

export const ZConnectionTestRequest = z.object({
  model: z.string().trim().min(1).max(200).optional().describe("One of the connection's models; its first when left out"),
});
export type TConnectionTestRequest = z.infer<typeof ZConnectionTestRequest>;

export const ZConnection = z.strictObject({
  id: z.uuid(),
  name: z.string(),
  baseUrl: z.string(),
  models: z.array(z.strictObject({ name: z.string(), inputPerMillion: z.number(), outputPerMillion: z.number() })),
  structuredOutput: ZStructuredOutput,
  hasApiKey: z.boolean(),
  headerNames: z.array(z.string()).describe("The names of the headers sent; their values are never shown"),
  createdAt: ZTime,
  updatedAt: ZTime,
});
export type TConnection = z.infer<typeof ZConnection>;

export const ZConnectionList = z.strictObject({ connections: z.array(ZConnection) });
export const ZConnectionDeleted = z.strictObject({ deleted: z.literal(true), id: z.uuid() });

export const TEST_FAILURES = ["refused", "http", "timeout", "network", "bad_answer", "secret_unreadable"] as const;

export const ZConnectionTestResult = z.discriminatedUnion("ok", [
  z.strictObject({
    ok: z.literal(true),
    model: z.string(),
    answer: z.string().describe("What the model answered"),
    latencyMs: z.number().int(),
    usage: z.strictObject({ inputTokens: z.number().int(), outputTokens: z.number().int() }).nullable(),
  }),
  z.strictObject({
    ok: z.literal(false),
    model: z.string(),
    latencyMs: z.number().int(),
    error: z.strictObject({
      kind: z.enum(TEST_FAILURES),
      status: z.number().int().nullable().describe("The endpoint's HTTP status, when it answered"),
      reason: z.string().nullable().describe("For a refused request, why: loopback, private, link_local, metadata, redirect…"),
      message: z.string().describe("The provider's message, or what went wrong"),
    }),
  }),
]);
export type TConnectionTestResult = z.infer<typeof ZConnectionTestResult>;
