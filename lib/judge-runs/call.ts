import { type ChatClient, ChatError } from "@/lib/connections/chat";
import { describeFailure } from "@/lib/connections/test-call";
import type { TJudgeParameters } from "@/lib/judge-versions/store";
import type { TModelReply } from "@/lib/judges/answer";
import type { TChatRequest } from "./values";

// One call to the model with what a run must survive: a bounded number of calls in flight and
// a requests-per-minute pace per connection (within this process), a timeout per call, and
// retries with exponential backoff and jitter on 429 and 5xx that honour the provider's
// Retry-After. A failure that retrying cannot fix comes back at once, with its code.

export const MAX_CALL_ATTEMPTS = 5;
const MAX_BACKOFF_MS = 60_000;

export interface TCallResult {
  reply?: TModelReply;
  error?: { code: string; message: string };
  inputTokens: number;
  outputTokens: number;
  latencyMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Calls in flight per connection, shared by every run of this process. */
class Gate {
  private active = 0;
  private waiting: (() => void)[] = [];
  async enter(limit: number): Promise<void> {
    while (this.active >= limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
  }
  leave(): void {
    this.active--;
    this.waiting.shift()?.();
  }
}
const gates = new Map<string, Gate>();
const nextSlot = new Map<string, number>();

/** Waits for the connection's next request slot under `rpm` requests a minute. */
async function paced(connectionId: string, rpm: number | null): Promise<void> {
  if (!rpm) return;
  const now = Date.now();
  const at = Math.max(now, nextSlot.get(connectionId) ?? 0);
  nextSlot.set(connectionId, at + 60_000 / rpm);
  if (at > now) await sleep(at - now);
}

/** Seconds from a Retry-After header (seconds or an HTTP date), as milliseconds; null without one. */
export function retryAfterMs(value: string | null | undefined, now = Date.now()): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Exponential backoff with jitter: half the doubled wait, plus a random part of the other half. */
export function backoffMs(attempt: number, baseMs: number, random = Math.random()): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** (attempt - 1));
  return ceiling / 2 + (random * ceiling) / 2;
}

export interface TCallContext {
  client: ChatClient;
  connectionId: string;
  model: string;
  parameters: TJudgeParameters;
  concurrency: number;
  rpm: number | null;
  backoffBaseMs: number;
}

const retryable = (error: unknown): error is ChatError => error instanceof ChatError && error.status !== null && (error.status === 429 || error.status >= 500);

export async function callModel(ctx: TCallContext, request: TChatRequest): Promise<TCallResult> {
  const gate = gates.get(ctx.connectionId) ?? new Gate();
  gates.set(ctx.connectionId, gate);
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  const { temperature, maxTokens, topP, seed } = ctx.parameters;
  for (let attempt = 1; ; attempt++) {
    await paced(ctx.connectionId, ctx.rpm);
    await gate.enter(ctx.concurrency);
    let wait: number;
    try {
      const completion = await ctx.client.complete({
        model: ctx.model,
        messages: request.messages,
        ...(request.responseFormat ? { response_format: request.responseFormat } : {}),
        ...(temperature !== undefined ? { temperature } : {}),
        ...(maxTokens !== undefined ? { max_tokens: maxTokens } : {}),
        ...(topP !== undefined ? { top_p: topP } : {}),
        ...(seed !== undefined ? { seed } : {}),
      });
      const choice = completion.choices?.[0];
      return {
        reply: { content: choice?.message?.content, refusal: choice?.message?.refusal, finishReason: choice?.finish_reason },
        inputTokens: completion.usage?.prompt_tokens ?? 0,
        outputTokens: completion.usage?.completion_tokens ?? 0,
        latencyMs: latency(),
      };
    } catch (error) {
      if (!retryable(error) || attempt >= MAX_CALL_ATTEMPTS) {
        const failure = describeFailure(error);
        const code = failure.kind === "http" ? (failure.status === 429 ? "rate_limited" : `http_${failure.status}`) : failure.kind;
        const tries = attempt > 1 ? ` (after ${attempt} attempts)` : "";
        return { error: { code, message: `${failure.message}${tries}` }, inputTokens: 0, outputTokens: 0, latencyMs: latency() };
      }
      wait = retryAfterMs(error.retryAfter) ?? backoffMs(attempt, ctx.backoffBaseMs);
    } finally {
      gate.leave();
    }
    await sleep(wait);
  }
}
