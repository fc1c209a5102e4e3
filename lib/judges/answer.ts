import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { validateScoreValue } from "@/lib/rubrics/score-value";
import { type TJudgmentValue, type TScoreColumns, decodeValue } from "@/lib/scores/codec";
import { type TAnswerSchema, type TJsonSchema, answerSchema } from "./answer-schema";
import type { TJudgedCriterion } from "./prompt-text";
import { stableJson } from "./template";

// One strict parser for every structured-output capability. An answer is a score only when
// it is exactly one JSON object (alone, or in one fenced block for prompt-only models) that
// matches the criterion's schema and passes the rubric's own value check. Nothing is coerced:
// "4" is not 4, "yes" is not true, and an answer outside the levels is an error, never the
// nearest level.

export const ANSWER_ERRORS = ["refusal", "truncated", "empty", "unparseable", "schema_mismatch", "out_of_range", "not_judgeable"] as const;
export type TAnswerError = (typeof ANSWER_ERRORS)[number];

export type TParsedAnswer = { ok: true; value: TJudgmentValue; rationale: string; columns: TScoreColumns } | { ok: false; code: TAnswerError; message: string };

/** The parts of a chat-completions choice the parser reads. */
export interface TModelReply {
  content: string | null | undefined;
  /** OpenAI's `message.refusal`, set when the model declined a strict structured output. */
  refusal?: string | null;
  finishReason?: string | null;
}

const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
// Keywords that bound a value the model typed correctly: out of range, not malformed.
const RANGE_KEYWORDS = new Set(["enum", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"]);

// Ajv keeps every schema it compiled, keyed by the object, for the life of the process; a
// server parsing the answers of many judge versions would hold one per run. Validators are
// kept here instead, one per distinct schema, and Ajv lets go of the object.
const validators = new Map<string, ValidateFunction>();
const MAX_VALIDATORS = 1000;

function validatorOf(schema: TJsonSchema): ValidateFunction {
  const key = stableJson(schema);
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(schema);
    ajv.removeSchema(schema);
    if (validators.size >= MAX_VALIDATORS) validators.clear();
    validators.set(key, validate);
  }
  return validate;
}

const failed = (code: TAnswerError, message: string): TParsedAnswer => ({ ok: false, code, message });

const FENCE = /```(?:json)?[ \t]*\n([\s\S]*?)\n?```/gi;

/** The answer's JSON text: the whole reply, or the one fenced block in it; null if neither. */
function jsonText(content: string): string | null {
  const trimmed = content.trim();
  if (trimmed.startsWith("{")) return trimmed;
  const blocks = [...trimmed.matchAll(FENCE)];
  return blocks.length === 1 ? blocks[0][1] : null;
}

const describe = (errors: ErrorObject[]) => errors.map((e) => `${e.instancePath || "the answer"} ${e.message}`).join("; ");

/** The checker of one criterion's answers (its schema compiled once): take it once per judge version, parse every reply with it. */
export function answerParser(criterion: TJudgedCriterion): (reply: TModelReply) => TParsedAnswer {
  const spec: TAnswerSchema = answerSchema(criterion);
  if (!spec.ok) return () => failed("not_judgeable", spec.reason);
  const validate = validatorOf(spec.schema);
  return (reply) => {
    if (reply.refusal) return failed("refusal", `The model refused: ${reply.refusal}`);
    const content = reply.content ?? "";
    if (content.trim() === "") return failed("empty", "The model answered nothing");
    // A reply cut at the token limit is unfinished even where its start happens to parse.
    if (reply.finishReason === "length") return failed("truncated", "The answer was cut off at the token limit");
    const text = jsonText(content);
    if (text === null) return failed("unparseable", "The answer is neither one JSON object nor one fenced ```json block");
    let answer: unknown;
    try {
      answer = JSON.parse(text);
    } catch (error) {
      return failed("unparseable", `The answer is not valid JSON: ${(error as Error).message}`);
    }
    if (!validate(answer)) {
      const errors = validate.errors ?? [];
      const range = errors.every((e) => e.instancePath.startsWith("/value") && RANGE_KEYWORDS.has(e.keyword));
      return failed(range ? "out_of_range" : "schema_mismatch", describe(errors));
    }
    const { value, rationale } = answer as { value: unknown; rationale: string };
    // The rubric's own check (a NUMERIC step, a strength only with A or B) and the stored form.
    const check = validateScoreValue(criterion, value);
    if (!check.ok) return failed("out_of_range", check.message);
    return { ok: true, value: decodeValue(check.value) as TJudgmentValue, rationale, columns: check.value };
  };
}

/** Parses one reply; for many replies to one criterion, take the parser once with `answerParser`. */
export const parseAnswer = (criterion: TJudgedCriterion, reply: TModelReply): TParsedAnswer => answerParser(criterion)(reply);
