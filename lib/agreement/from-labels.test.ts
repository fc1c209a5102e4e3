import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseRubricFile } from "@/lib/rubrics/format";
import { type QueueLabel, agreementByCriterion } from "./from-labels";
import { AgreementInputError } from "./types";

// A pairwise queue's labels export (JSONL) and its rubric file, as `assay agreement --queue`
// reads them: quality and issues answered per side, a preference and a note for the pair.
const fixture = (name: string) => readFileSync(path.join(__dirname, "fixtures", name), "utf8");
const labels: QueueLabel[] = fixture("pairwise-labels.jsonl")
  .trim()
  .split("\n")
  .map((line) => JSON.parse(line));
const { criteria } = parseRubricFile(fixture("pairwise-rubric.yaml"), "yaml").content;
const byKey = (results: ReturnType<typeof agreementByCriterion>) => Object.fromEntries(results.map((r) => [r.criterion, r as Record<string, unknown>]));

describe("agreement of a queue's labels, per criterion", () => {
  const results = byKey(agreementByCriterion(labels, criteria, { seed: 3 }));

  it("answers every criterion of the rubric, in its order", () => {
    expect(Object.keys(results)).toEqual(["preferred", "quality", "issues", "note"]);
  });

  it("per side: units are item and side, on the declared order Poor < Fair < Good, with each rater's first revision", () => {
    // Units q1:A (Poor, Poor), q1:B (Poor, Fair: bob's first revision; his revision 2 says Poor),
    // q2:A (Good, Good), q2:B (Fair, Good). n = 8: Poor 3, Fair 2, Good 3. Ordinal δ²: Poor–Fair
    // (3 + 2 − 2.5)² = 6.25, Fair–Good (2 + 3 − 2.5)² = 6.25, Poor–Good (8 − 3)² = 25.
    // D_o = 2 · 6.25 · 2 / 8 = 3.125; D_e = 2 (3·2·6.25 + 3·3·25 + 2·3·6.25) / 56 = 600 / 56.
    // (Alphabetically, Fair < Good < Poor, the same labels give another α.)
    expect(results.quality).toMatchObject({ type: "CATEGORICAL", level: "ordinal", items: 4, raters: 2, pairable: 8 });
    expect(results.quality.alpha).toBeCloseTo(1 - (3.125 * 56) / 600, 9);
    expect(results.quality.pairs).toEqual([
      expect.objectContaining({ a: expect.stringMatching(/^(ann|bob)@/), b: expect.stringMatching(/^(ann|bob)@/), n: 4 }),
    ]);
  });

  it("a preference on the ladder B3 < B2 < B1 < TIE < A1 < A2 < A3, where both-bad is missing", () => {
    // q1 (A2, A2), q2 (B1, TIE), q3 (both bad → missing, A3) left out. n = 4: B1 1, TIE 1, A2 2,
    // the unused rungs 0. δ²: B1–TIE (2 − 1)² = 1, TIE–A2 (3 − 1.5)² = 2.25, B1–A2 (4 − 1.5)² = 6.25.
    // D_o = 2 · 1 / 4 = 0.5; D_e = 2 (1 + 2 · 6.25 + 2 · 2.25) / 12 = 3.
    expect(results.preferred).toMatchObject({ type: "PREFERENCE", level: "ordinal", items: 3, pairable: 4, singleRatingItems: 1 });
    expect(results.preferred.alpha).toBeCloseTo(1 - 0.5 / 3, 9);
  });

  it("multi-select: α per option, the lowest as the criterion's, and Jaccard per pair of raters", () => {
    // tone: yes, yes / no, no / yes, yes / no, no → 1. facts: (no, no) (no, yes) (yes, no) (no, no):
    // D_o = 4/8, D_e = 2 · 6 · 2 / 56 → α = 1 − 0.5 · 56 / 24 = −1/6.
    const issues = results.issues as { alpha: number; alphaOption: string; perOption: { option: string; alpha: number }[]; pairs: unknown[] };
    expect(issues).toMatchObject({ type: "MULTI", level: "nominal", alphaOption: "facts", items: 4, raters: 2 });
    expect(issues.alpha).toBeCloseTo(-1 / 6, 9);
    expect(issues.perOption.map((o) => [o.option, o.alpha])).toEqual([
      ["tone", 1],
      ["facts", expect.closeTo(-1 / 6, 9)],
    ]);
    // {tone}/{tone} 1, {}/{facts} 0, {tone, facts}/{tone} 0.5, {}/{} 1 → 2.5 / 4.
    expect(issues.pairs).toEqual([{ a: expect.stringMatching(/^(ann|bob)@/), b: expect.stringMatching(/^(ann|bob)@/), n: 4, jaccard: 0.625 }]);
  });

  it("free text: coverage only, no coefficient", () => {
    expect(results.note).toEqual({
      criterion: "note",
      type: "TEXT",
      alpha: null,
      alphaReason: "undefined: free text has no agreement coefficient (coverage only)",
      level: null,
      items: 2,
      raters: 2,
      coverage: 1,
    });
  });

  it("refuses a label that is no criterion of the rubric, or a value off the scale, naming the label", () => {
    const stray = { ...labels[0], id: "L-stray", name: "tone" };
    expect(() => agreementByCriterion([stray], criteria)).toThrow(
      new AgreementInputError('label L-stray answers "tone", which is no criterion of the rubric: is it the queue\'s rubric version?'),
    );
    const off = labels.find((l) => l.name === "quality:A") as QueueLabel;
    expect(() => agreementByCriterion([{ ...off, id: "L-off", value: "Great" }], criteria)).toThrow(
      'criterion "quality" (label L-off): "Great" is not one of the declared values',
    );
  });
});
