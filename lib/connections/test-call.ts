import type { ProjectContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/scopes";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/ops/log";
import { findRefusal } from "@/lib/outbound";
import { ChatError } from "./chat";
import { type ClientOptions, openConnection } from "./client";
import type { TConnectionTestRequest, TConnectionTestResult } from "./schemas";

// "Test connection": one tiny request to one of the connection's models, answering what the
// model said or exactly what went wrong (the endpoint's status and message, a refusal by the
// outbound policy with its reason, a timeout). Tells the admin in seconds whether judges can run.

const PROMPT = "This is a connection test. Reply with the single word OK.";
const DEFAULT_TIMEOUT_MS = 30_000;

type Failure = Extract<TConnectionTestResult, { ok: false }>["error"];

export function describeFailure(error: unknown): Failure {
  const refusal = findRefusal(error);
  if (refusal) return { kind: "refused", status: null, reason: refusal.reason, message: refusal.message };
  if (error instanceof AppError && error.code === "secret_unreadable") return { kind: "secret_unreadable", status: null, reason: null, message: error.message };
  if (error instanceof ChatError) return { kind: error.kind, status: error.status, reason: null, message: error.message };
  return { kind: "bad_answer", status: null, reason: null, message: error instanceof Error ? error.message : "The endpoint's answer could not be read" };
}

export async function testConnection(
  db: Database,
  ctx: ProjectContext,
  connectionId: string,
  input: TConnectionTestRequest,
  options: Partial<ClientOptions> = {},
): Promise<TConnectionTestResult> {
  assertCan(ctx, "connections:manage");
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let model = input.model ?? "";
  try {
    const { connection, client } = await openConnection(db.prisma, ctx.project.id, connectionId, { timeoutMs: DEFAULT_TIMEOUT_MS, ...options });
    model = input.model ?? connection.models[0].name;
    if (!connection.models.some((m) => m.name === model)) {
      throw new AppError("validation_failed", `"${model}" is not one of this connection's models`, [
        { path: "model", message: "Pick one of the connection's models" },
      ]);
    }
    const completion = await client.complete({ model, messages: [{ role: "user", content: PROMPT }] });
    const answer = completion.choices?.[0]?.message?.content;
    if (typeof answer !== "string") throw new Error("The answer has no message content");
    const usage = completion.usage ? { inputTokens: completion.usage.prompt_tokens ?? 0, outputTokens: completion.usage.completion_tokens ?? 0 } : null;
    log().info({ connectionId, model, latencyMs: elapsed() }, "model connection test answered");
    return { ok: true, model, answer, latencyMs: elapsed(), usage };
  } catch (error) {
    if (error instanceof AppError && error.code !== "secret_unreadable") throw error;
    const failure = describeFailure(error);
    log().warn({ connectionId, model, failure: failure.kind, status: failure.status, reason: failure.reason }, "model connection test failed");
    return { ok: false, model, latencyMs: elapsed(), error: failure };
  }
}
