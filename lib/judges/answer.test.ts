import { describe, expect, it } from "vitest";
import { ZRubricContent } from "@/lib/rubrics/schemas";
import { validateScoreValue } from "@/lib/rubrics/score-value";
import { everyType } from "@/lib/rubrics/test-fixtures";
import { decodeValue, encodeAnswer, storedColumns } from "@/lib/scores/codec";
import { type TModelReply, parseAnswer } from "./answer";
import { STRUCTURED_OUTPUTS, answerRequest, answerSchema } from "./answer-schema";
import type { TJudgedCriterion } from "./prompt-text";

const criteria = Object.fromEntries(ZRubricContent.parse(everyType()).criteria.map((c) => [c.key, c])) as Record<string, TJudgedCriterion>;
const plainPreference: TJudgedCriterion = { key: "pick", label: "Pick", type: "PREFERENCE", config: { allowTie: true, allowBothBad: true, strength: false } };

const reply = (content: string | null, extra: Partial<TModelReply> = {}): TModelReply => ({ content, ...extra });
const json = (value: unknown, rationale = "because") => reply(JSON.stringify({ rationale, value }));
const codeOf = (key: string, r: TModelReply) => {
  const parsed = parseAnswer(criteria[key] ?? plainPreference, r);
  return parsed.ok ? "ok" : parsed.code;
};

describe("the answer schema of a criterion", () => {
  it("refuses MULTI, TEXT and CORRECTION with the reason", () => {
    expect(answerSchema(criteria.issues)).toEqual({ ok: false, reason: expect.stringMatching(/^A MULTI criterion .* cannot be judged yet/) });
    expect(answerSchema(criteria.why)).toEqual({ ok: false, reason: expect.stringMatching(/^A TEXT criterion is free text/) });
    expect(answerSchema(criteria.ideal)).toEqual({ ok: false, reason: expect.stringMatching(/^A CORRECTION criterion/) });
    expect(parseAnswer(criteria.issues, json(["tone"]))).toMatchObject({ ok: false, code: "not_judgeable" });
  });

  it("asks for {rationale, value} with the value in the criterion's type and levels", () => {
    const valueOf = (c: TJudgedCriterion) => {
      const spec = answerSchema(c);
      if (!spec.ok) throw new Error(spec.reason);
      expect(spec.schema).toMatchObject({ type: "object", required: ["rationale", "value"], additionalProperties: false });
      return (spec.schema.properties as { value: unknown }).value;
    };
    expect(valueOf(criteria.correct)).toEqual({ type: "boolean" });
    expect(valueOf(criteria.quality)).toEqual({ type: "integer", enum: [1, 2, 3] });
    expect(valueOf(criteria.topic)).toEqual({ type: "string", enum: ["billing", "tech"] });
    expect(valueOf(criteria.minutes)).toEqual({ type: "number", minimum: 0, maximum: 10 });
    expect(valueOf(plainPreference)).toEqual({ type: "string", enum: ["A", "B", "TIE", "BOTH_BAD"] });
    // The fixture's preference allows a tie, not "both bad", and asks for a strength.
    expect(valueOf(criteria.pref)).toEqual({
      type: "object",
      properties: { choice: { type: "string", enum: ["A", "B", "TIE"] }, strength: { type: ["integer", "null"], enum: [1, 2, 3, null] } },
      required: ["choice", "strength"],
      additionalProperties: false,
    });
  });

  it("gives each capability its response_format and all of them the same instructions", () => {
    const spec = answerSchema(criteria.quality);
    if (!spec.ok) throw new Error(spec.reason);
    const [strict, object, prompt] = STRUCTURED_OUTPUTS.map((c) => answerRequest(spec.schema, c));
    expect(strict.responseFormat).toEqual({ type: "json_schema", json_schema: { name: "judgment", strict: true, schema: spec.schema } });
    expect(object.responseFormat).toEqual({ type: "json_object" });
    expect(prompt.responseFormat).toBeUndefined();
    expect(new Set([strict.instructions, object.instructions, prompt.instructions]).size).toBe(1);
    expect(prompt.instructions).toContain('"enum": [\n');
  });
});

describe("parsing a judge's answer strictly", () => {
  it("accepts a valid answer of every judged type, as the judgments codec stores it", () => {
    const cases: [string, unknown][] = [
      ["correct", false],
      ["quality", 3],
      ["topic", "tech"],
      ["minutes", 2.5],
      ["pref", { choice: "B", strength: 2 }],
      ["pref", { choice: "TIE", strength: null }],
      ["pick", "BOTH_BAD"],
    ];
    for (const [key, value] of cases) {
      const criterion = criteria[key] ?? plainPreference;
      const parsed = parseAnswer(criterion, json(value, "the reason"));
      if (!parsed.ok) throw new Error(`${key}: ${parsed.message}`);
      expect(parsed).toMatchObject({ value, rationale: "the reason" });
      // The round trip a stored score makes: the codec's columns, read back, give the same value.
      expect(parsed.columns).toEqual(encodeAnswer(criterion.type, parsed.value));
      expect(decodeValue(storedColumns(parsed.columns.dataType, parsed.value))).toEqual(value);
      expect(validateScoreValue(criterion, parsed.value)).toEqual({ ok: true, value: parsed.columns });
    }
  });

  it("takes the one fenced ```json block of a prompt-only model, with prose around it", () => {
    const text = 'Let me think.\n```json\n{"rationale": "clear", "value": 2}\n```\nHope that helps.';
    expect(parseAnswer(criteria.quality, reply(text))).toMatchObject({ ok: true, value: 2, rationale: "clear" });
    expect(codeOf("quality", reply('```\n{"rationale": "r", "value": 1}\n```'))).toBe("ok");
  });

  it("refuses what is not exactly one JSON answer: prose, two blocks, broken JSON", () => {
    expect(codeOf("quality", reply("I would say 3."))).toBe("unparseable");
    expect(codeOf("quality", reply('The answer is {"rationale": "r", "value": 3}'))).toBe("unparseable");
    const two = '```json\n{"rationale": "r", "value": 1}\n```\n```json\n{"rationale": "r", "value": 3}\n```';
    expect(codeOf("quality", reply(two))).toBe("unparseable");
    expect(parseAnswer(criteria.quality, reply('{"rationale": "r", "value": 3'))).toMatchObject({
      code: "unparseable",
      message: /^The answer is not valid JSON/,
    });
  });

  it("never coerces: a string for a number, 1 or 'Yes' for a boolean, extra or missing fields are schema mismatches", () => {
    expect(codeOf("quality", json("3"))).toBe("schema_mismatch");
    expect(codeOf("quality", json(2.5))).toBe("schema_mismatch");
    expect(codeOf("correct", json(1))).toBe("schema_mismatch");
    expect(codeOf("correct", json("Yes"))).toBe("schema_mismatch");
    expect(codeOf("quality", reply('{"value": 2}'))).toBe("schema_mismatch");
    expect(codeOf("quality", reply('{"rationale": "r", "value": 2, "confidence": 0.9}'))).toBe("schema_mismatch");
    expect(codeOf("quality", reply('[{"rationale": "r", "value": 2}]'))).toBe("unparseable");
    expect(codeOf("pref", json("A"))).toBe("schema_mismatch");
  });

  it("calls a well-typed value outside the criterion out of range, never the nearest level", () => {
    expect(parseAnswer(criteria.quality, json(4))).toMatchObject({
      ok: false,
      code: "out_of_range",
      message: "/value must be equal to one of the allowed values",
    });
    expect(codeOf("quality", json(0))).toBe("out_of_range");
    expect(codeOf("topic", json("sales"))).toBe("out_of_range");
    expect(codeOf("minutes", json(11))).toBe("out_of_range");
    expect(codeOf("minutes", json(-0.5))).toBe("out_of_range");
    // The rubric's own checks, beyond the schema: a NUMERIC's step counts from its min, strengths go with A or B only.
    expect(parseAnswer(criteria.minutes, json(2.25))).toMatchObject({ code: "out_of_range", message: "Answer in steps of 0.5 from 0" });
    expect(codeOf("pref", json({ choice: "A", strength: null }))).toBe("out_of_range");
    expect(codeOf("pref", json({ choice: "TIE", strength: 2 }))).toBe("out_of_range");
    expect(codeOf("pref", json({ choice: "BOTH_BAD", strength: null }))).toBe("out_of_range");
    expect(codeOf("pref", json({ choice: "A", strength: 4 }))).toBe("out_of_range");
  });

  it("reports refusals, empty answers and answers cut at the token limit", () => {
    expect(parseAnswer(criteria.quality, reply(null, { refusal: "I can't help with that." }))).toEqual({
      ok: false,
      code: "refusal",
      message: "The model refused: I can't help with that.",
    });
    expect(codeOf("quality", reply("  \n"))).toBe("empty");
    expect(codeOf("quality", reply(null))).toBe("empty");
    expect(codeOf("quality", reply('{"rationale": "r", "value": 2}', { finishReason: "length" }))).toBe("truncated");
  });
});
