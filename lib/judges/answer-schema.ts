import { PREFERENCE_CHOICES, type TCriterionType } from "@/lib/rubrics/constants";
import { CONFIG_SCHEMAS, type TChoiceConfig, type TNumericConfig, type TPreferenceConfig, type TScaleConfig } from "@/lib/rubrics/schemas";
import type { TJudgedCriterion } from "./prompt-text";
import { stableJson } from "./template";

// The answer a judge must give: `{rationale, value}` with the value in the criterion's own
// type, as a JSON Schema. The same schema is sent as a strict structured output where the
// model supports it, described in the prompt where it does not, and checked on every answer
// (answer.ts), so the three structured-output capabilities differ only in how they ask.

export const JUDGED_TYPES = ["BINARY", "SCALE", "CATEGORICAL", "NUMERIC", "PREFERENCE"] as const satisfies readonly TCriterionType[];
export type TJudgedType = (typeof JUDGED_TYPES)[number];

/** How a model connection can be held to a schema. */
export const STRUCTURED_OUTPUTS = ["json_schema", "json_object", "prompt"] as const;
export type TStructuredOutput = (typeof STRUCTURED_OUTPUTS)[number];

export type TJsonSchema = Record<string, unknown>;

export type TAnswerSchema = { ok: true; type: TJudgedType; schema: TJsonSchema } | { ok: false; reason: string };

const REFUSED: Partial<Record<TCriterionType, string>> = {
  MULTI: "A MULTI criterion (several options at once) cannot be judged yet: judge each option as its own BINARY criterion",
  TEXT: "A TEXT criterion is free text: there is no value to hold against people",
  CORRECTION: "A CORRECTION criterion is a rewritten answer: there is no value to hold against people",
};

function valueSchema(type: TJudgedType, config: unknown): TJsonSchema {
  switch (type) {
    case "BINARY":
      return { type: "boolean" };
    case "SCALE":
      return { type: "integer", enum: (config as TScaleConfig).levels.map((l) => l.value) };
    case "CATEGORICAL":
      return { type: "string", enum: (config as TChoiceConfig).options.map((o) => o.value) };
    case "NUMERIC": {
      const { min, max } = config as TNumericConfig;
      // The step is checked on the answer (answer.ts): JSON Schema's multipleOf counts from 0, a rubric's step from min.
      return { type: "number", minimum: min, maximum: max };
    }
    case "PREFERENCE": {
      const { allowTie, allowBothBad, strength } = config as TPreferenceConfig;
      const choices = PREFERENCE_CHOICES.filter((c) => (c !== "TIE" || allowTie) && (c !== "BOTH_BAD" || allowBothBad));
      const choice = { type: "string", enum: choices };
      if (!strength) return choice;
      return {
        type: "object",
        properties: { choice, strength: { type: ["integer", "null"], enum: [1, 2, 3, null] } },
        required: ["choice", "strength"],
        additionalProperties: false,
      };
    }
  }
}

/** The answer's schema for a criterion, or why a judge cannot answer it. */
export function answerSchema(criterion: Pick<TJudgedCriterion, "key" | "type" | "config">): TAnswerSchema {
  const refused = REFUSED[criterion.type];
  if (refused) return { ok: false, reason: refused };
  const config = CONFIG_SCHEMAS[criterion.type].safeParse(criterion.config);
  if (!config.success) return { ok: false, reason: `The criterion "${criterion.key}" has an unreadable definition` };
  const type = criterion.type as TJudgedType;
  return {
    ok: true,
    type,
    schema: {
      type: "object",
      // The rationale comes first so a model that writes in order reasons before it answers.
      properties: { rationale: { type: "string" }, value: valueSchema(type, config.data) },
      required: ["rationale", "value"],
      additionalProperties: false,
    },
  };
}

/** What to add to a chat-completions request: its `response_format` (none for prompt-only) and the instructions for the prompt. */
export interface TAnswerRequest {
  responseFormat?: { type: "json_schema"; json_schema: { name: string; strict: true; schema: TJsonSchema } } | { type: "json_object" };
  instructions: string;
}

/**
 * The request for an answer. Every capability gets the same instructions (so a preview shows
 * the prompt any model receives); `json_schema` also binds the model to the schema.
 */
export function answerRequest(schema: TJsonSchema, capability: TStructuredOutput): TAnswerRequest {
  const instructions = [
    'Answer with one JSON object and nothing else: {"rationale": "<why, in a few sentences>", "value": <your answer>}.',
    "It must match this JSON Schema:",
    stableJson(schema),
  ].join("\n");
  switch (capability) {
    case "json_schema":
      return { responseFormat: { type: "json_schema", json_schema: { name: "judgment", strict: true, schema } }, instructions };
    case "json_object":
      return { responseFormat: { type: "json_object" }, instructions };
    case "prompt":
      return { instructions };
  }
}
