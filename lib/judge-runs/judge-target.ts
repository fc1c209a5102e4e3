import type { TStoredJudgeVersion } from "@/lib/judge-versions/store";
import type { TModelReply, TParsedAnswer } from "@/lib/judges/answer";
import type { TStructuredOutput } from "@/lib/judges/answer-schema";
import { type TPrices, costOf } from "@/lib/judges/cost";
import { type TPreferenceAnswer, combineOrders } from "@/lib/judges/pairwise";
import { MissingValuesError, type TParsedTemplate, type TTemplateValues } from "@/lib/judges/template";
import { validateScoreValue } from "@/lib/rubrics/score-value";
import type { TCallResult } from "./call";
import type { TDone, TOutcome } from "./store";
import { type TChatRequest, chatRequest, swapped } from "./values";

// One target judged: its request built, the model called (twice for a pairwise judge, the
// second time with the outputs swapped), each answer parsed strictly, and the outcome shaped
// for storing. No database here: the worker passes the call and the spend bookkeeping in.
//
// A pairwise item's raw answer keeps both orders:
//   { forward: {value, rationale, content}, swapped: {value, rationale, content}, verdict: "consistent" | "inconsistent" }
// with `swapped.value` as the judge gave it (positions as shown). An inconsistent verdict is
// stored as a finished result whose value is null, and no score: it counts for neither side,
// and the comparison with people reads it from the run item to report position consistency.

export type TTargetOutcome = { kind: "done"; done: TDone } | { kind: "error"; failure: TOutcome & { code: string; message: string } } | { kind: "stopped" };

export interface TJudgeTargetInput {
  version: TStoredJudgeVersion;
  template: TParsedTemplate;
  capability: TStructuredOutput;
  parse: (reply: TModelReply) => TParsedAnswer;
  values: TTemplateValues;
  prices: TPrices | null;
  /** Reserves a call's estimated cost under the spend cap; null when the cap forbids the call. */
  reserve(messages: string[]): number | null;
  release(reserved: number): void;
  spend(cost: number): void;
  call(request: TChatRequest): Promise<TCallResult>;
}

interface TAnswered {
  result: TCallResult;
  parsed: TParsedAnswer;
  cost: number;
}

async function ask(input: TJudgeTargetInput, request: TChatRequest): Promise<TAnswered | null> {
  const reserved = input.reserve(request.messages.map((m) => m.content));
  if (reserved === null) return null;
  const result = await input.call(request);
  input.release(reserved);
  const cost = costOf(result, input.prices) ?? 0;
  input.spend(cost);
  const parsed: TParsedAnswer = result.error ? { ok: false, code: result.error.code as never, message: result.error.message } : input.parse(result.reply!);
  return { result, parsed, cost };
}

const usage = (answers: TAnswered[]) => ({
  inputTokens: answers.reduce((n, a) => n + a.result.inputTokens, 0),
  outputTokens: answers.reduce((n, a) => n + a.result.outputTokens, 0),
  cost: answers.reduce((n, a) => n + a.cost, 0),
  latencyMs: answers.reduce((n, a) => n + a.result.latencyMs, 0),
});

const rawOf = (a: TAnswered) => ({
  ...(a.parsed.ok ? { value: a.parsed.value, rationale: a.parsed.rationale } : { error: { code: a.parsed.code, message: a.parsed.message } }),
  content: a.result.reply?.content ?? null,
});

function failed(answers: TAnswered[], raw: unknown): TTargetOutcome | null {
  const bad = answers.find((a) => !a.parsed.ok);
  if (!bad || bad.parsed.ok) return null;
  return { kind: "error", failure: { ...usage(answers), raw, code: bad.parsed.code, message: bad.parsed.message } };
}

export async function judgeTarget(input: TJudgeTargetInput): Promise<TTargetOutcome> {
  let requests: TChatRequest[];
  try {
    const build = (values: TTemplateValues) => chatRequest(input.template, input.version.criterion, input.capability, values);
    requests = input.version.mode === "pairwise" ? [build(input.values), build(swapped(input.values))] : [build(input.values)];
  } catch (error) {
    if (!(error instanceof MissingValuesError)) throw error;
    return { kind: "error", failure: { inputTokens: 0, outputTokens: 0, cost: 0, latencyMs: 0, raw: null, code: "missing_values", message: error.message } };
  }
  const answers: TAnswered[] = [];
  for (const request of requests) {
    const answer = await ask(input, request);
    if (!answer) {
      if (answers.length === 0) return { kind: "stopped" };
      // The second order was refused by the cap: the first answer alone is no verdict.
      return {
        kind: "error",
        failure: { ...usage(answers), raw: { forward: rawOf(answers[0]) }, code: "spend_cap", message: "The spend cap was reached between the two orders" },
      };
    }
    answers.push(answer);
    if (!answer.parsed.ok) break;
  }
  if (input.version.mode !== "pairwise") {
    const [a] = answers;
    const error = failed(answers, { content: a.result.reply?.content ?? null });
    if (error) return error;
    const parsed = a.parsed as Extract<TParsedAnswer, { ok: true }>;
    return { kind: "done", done: { ...usage(answers), raw: rawOf(a), value: parsed.value, rationale: parsed.rationale, score: parsed.columns } };
  }
  const raw = { forward: rawOf(answers[0]), ...(answers[1] ? { swapped: rawOf(answers[1]) } : {}) };
  const error = failed(answers, raw);
  if (error) return error;
  const [forward, back] = answers.map((a) => a.parsed as Extract<TParsedAnswer, { ok: true }>);
  const verdict = combineOrders(forward.value as TPreferenceAnswer, back.value as TPreferenceAnswer);
  if (verdict.kind === "inconsistent") {
    return { kind: "done", done: { ...usage(answers), raw: { ...raw, verdict: "inconsistent" }, value: null, rationale: forward.rationale, score: null } };
  }
  const check = validateScoreValue(input.version.criterion, verdict.value);
  if (!check.ok) return { kind: "error", failure: { ...usage(answers), raw, code: "out_of_range", message: check.message } };
  return {
    kind: "done",
    done: { ...usage(answers), raw: { ...raw, verdict: "consistent" }, value: verdict.value, rationale: forward.rationale, score: check.value },
  };
}
