import canonicalize from "canonicalize";
import type { TCriterionReport } from "@/lib/reports/answers";
import { chatMessages } from "@/lib/traces/view";
import type { TLabelProvenance, TLineageLabel } from "./content";
import type { TGateVerdict, TPromotionRule } from "./promote-schemas";

// The promotion rule and the agreement gate, apart from where labels are stored: which queue
// items become dataset items, with what content, and whether the queue's raters agree enough
// for any of it. Pure: the service gathers each item's labels and hands them over.

export type TSide = "A" | "B" | null;

/** The label of one item's criterion (adjudicated gold > reference gold > consensus), or why there is none. */
export type TResolvedLabel =
  | { value: unknown; provenance: Exclude<TLabelProvenance, "label">; raters: string[]; adjudicated: boolean; rubricVersionId: string }
  | { value: null; reason: string };

export interface TPromotionTrace {
  id: string;
  input: unknown;
  output: unknown;
}

/** One completed queue item, as the rule reads it. */
export interface TPromotionUnit {
  itemId: string;
  trace: TPromotionTrace | null;
  traceB: TPromotionTrace | null;
  rubricVersionId: string;
  /** Everyone who labelled the item (rater keys). */
  raters: string[];
  label: (criterion: string, side: TSide) => TResolvedLabel;
  /** The raters' current answers to a free-text criterion. */
  answers: (criterion: string, side: TSide) => { rater: string; text: string }[];
}

export interface TPromotedContent {
  input: unknown;
  expectedOutput: unknown;
  preference: { preferred: unknown; rejected: unknown } | null;
  labels: TLineageLabel[];
}

export type TDecision = { status: "selected"; content: TPromotedContent } | { status: "not_matching" } | { status: "skipped"; reason: string };

export interface TRuleCriterion {
  key: string;
  type: string;
}

const FREE_TEXT = new Set(["CORRECTION", "TEXT"]);

/** The text a correction form starts from: the response it corrects (the last assistant turn of a conversation). */
export function responseText(output: unknown): string | null {
  if (typeof output === "string") return output;
  return chatMessages(output)?.findLast((m) => m.role === "assistant")?.content ?? null;
}

/** A MULTI selection is a set; a preference with strength matches its bare choice. */
function comparable(value: unknown, like: unknown): unknown {
  if (Array.isArray(value)) return [...value].map(String).sort();
  if (value && typeof value === "object" && "choice" in value && typeof like === "string") return (value as { choice: unknown }).choice;
  return value;
}

export function labelMatches(value: unknown, wanted: readonly unknown[]): boolean {
  return wanted.some((w) => canonicalize(comparable(value, w)) === canonicalize(comparable(w, value)));
}

/** The criteria a rule reads, each once: the ones the agreement gate judges. */
export function ruleCriteria(rule: TPromotionRule, mode: "SINGLE" | "PAIRWISE", criteria: readonly TRuleCriterion[]): string[] {
  const keys = rule.conditions.map((c) => c.criterion);
  if (mode === "PAIRWISE") keys.push(preferenceCriterion(rule, criteria) ?? "");
  else if (rule.expectedOutput.from === "criterion") keys.push(rule.expectedOutput.criterion);
  return [...new Set(keys.filter(Boolean))];
}

export function preferenceCriterion(rule: TPromotionRule, criteria: readonly TRuleCriterion[]): string | null {
  return rule.preference ?? criteria.find((c) => c.type === "PREFERENCE")?.key ?? null;
}

/** What is wrong with a rule for this rubric version, by field path. */
export function ruleProblems(rule: TPromotionRule, mode: "SINGLE" | "PAIRWISE", criteria: readonly TRuleCriterion[]): { path: string; message: string }[] {
  const byKey = new Map(criteria.map((c) => [c.key, c]));
  const problems: { path: string; message: string }[] = [];
  rule.conditions.forEach((c, i) => {
    if (!byKey.has(c.criterion)) problems.push({ path: `rule.conditions.${i}.criterion`, message: `The queue's rubric has no criterion "${c.criterion}"` });
    else if (FREE_TEXT.has(byKey.get(c.criterion)!.type))
      problems.push({ path: `rule.conditions.${i}.criterion`, message: "Free-text criteria cannot select items: name a criterion with values" });
  });
  if (mode === "PAIRWISE") {
    const key = preferenceCriterion(rule, criteria);
    if (!key || byKey.get(key)?.type !== "PREFERENCE")
      problems.push({ path: "rule.preference", message: "A pairwise queue's items become preference pairs: name the rubric's PREFERENCE criterion" });
  } else if (rule.expectedOutput.from === "criterion") {
    const c = byKey.get(rule.expectedOutput.criterion);
    if (!c || !FREE_TEXT.has(c.type))
      problems.push({ path: "rule.expectedOutput.criterion", message: "The expected output comes from a CORRECTION or TEXT criterion of the queue's rubric" });
  }
  return problems;
}

const lineageLabel = (criterionKey: string, label: Exclude<TResolvedLabel, { value: null; reason: string }>): TLineageLabel => ({
  criterionKey,
  rubricVersionId: label.rubricVersionId,
  value: label.value,
  provenance: label.provenance,
  raters: label.raters,
  adjudicated: label.adjudicated,
});

/**
 * A free-text criterion's expected output: its gold; else the trace's output when every rater
 * left the correction as it started (the response itself, or nothing); else the text every
 * rater wrote, when they all wrote the same. Anything else waits for adjudication.
 */
function correctionOf(unit: TPromotionUnit, criterion: string, trace: TPromotionTrace): TDecision | { label: TLineageLabel; expected: unknown } {
  const settled = unit.label(criterion, null);
  if (settled.value !== null && "provenance" in settled && settled.provenance !== "consensus")
    return { expected: settled.value, label: lineageLabel(criterion, settled) };
  const original = responseText(trace.output)?.trim() ?? null;
  const answers = unit.answers(criterion, null).filter((a) => a.text.trim() !== "" && a.text.trim() !== original);
  const base = { criterionKey: criterion, rubricVersionId: unit.rubricVersionId, provenance: "consensus" as const, raters: unit.raters, adjudicated: false };
  if (answers.length === 0) return { expected: trace.output, label: { ...base, value: original } };
  const texts = new Set(answers.map((a) => a.text.trim()));
  if (answers.length === unit.raters.length && texts.size === 1) return { expected: answers[0].text, label: { ...base, value: answers[0].text } };
  return { status: "skipped", reason: `The raters' answers to "${criterion}" differ: a correction becomes an expected output only through gold or unanimity` };
}

/** Whether the rule selects a completed item, and what the dataset item holds if so. */
export function decide(rule: TPromotionRule, mode: "SINGLE" | "PAIRWISE", criteria: readonly TRuleCriterion[], unit: TPromotionUnit): TDecision {
  const labels: TLineageLabel[] = [];
  let side: TSide = null;
  let preference: TPromotedContent["preference"] = null;
  if (mode === "PAIRWISE") {
    const key = preferenceCriterion(rule, criteria)!;
    if (!unit.trace || !unit.traceB) return { status: "skipped", reason: "One of the pair's traces no longer exists" };
    const chosen = unit.label(key, null);
    if (chosen.value === null) return { status: "skipped", reason: `No label for "${key}": ${"reason" in chosen ? chosen.reason : ""}` };
    const choice = comparable(chosen.value, "");
    if (choice !== "A" && choice !== "B") return { status: "skipped", reason: `"${key}" is ${String(choice)}: the pair has no preferred output` };
    side = choice;
    const [preferred, rejected] = choice === "A" ? [unit.trace, unit.traceB] : [unit.traceB, unit.trace];
    preference = { preferred: preferred.output, rejected: rejected.output };
    labels.push(lineageLabel(key, chosen as Exclude<TResolvedLabel, { value: null; reason: string }>));
  }
  const types = new Map(criteria.map((c) => [c.key, c.type]));
  for (const condition of rule.conditions) {
    // On a pair, a per-side criterion is read on the preferred side.
    const label = unit.label(condition.criterion, types.get(condition.criterion) === "PREFERENCE" ? null : side);
    if (label.value === null) return { status: "skipped", reason: `No label for "${condition.criterion}": ${"reason" in label ? label.reason : ""}` };
    if (!labelMatches(label.value, condition.equals)) return { status: "not_matching" };
    if (!labels.some((l) => l.criterionKey === condition.criterion))
      labels.push(lineageLabel(condition.criterion, label as Exclude<TResolvedLabel, { reason: string }>));
  }
  const trace = unit.trace;
  if (!trace) return { status: "skipped", reason: "The item's trace no longer exists" };
  if (preference) return { status: "selected", content: { input: trace.input, expectedOutput: null, preference, labels } };
  if (rule.expectedOutput.from === "trace_output")
    return { status: "selected", content: { input: trace.input, expectedOutput: trace.output, preference, labels } };
  const correction = correctionOf(unit, rule.expectedOutput.criterion, trace);
  if ("status" in correction) return correction;
  return { status: "selected", content: { input: trace.input, expectedOutput: correction.expected, preference, labels: [...labels, correction.label] } };
}

/**
 * The agreement gate: every criterion the rule reads must have, over the whole queue, an α
 * point estimate (MULTI: its lowest per-option α) at or above the threshold. Free text has no
 * coefficient and is exempt: its answers reach a dataset only through gold or unanimity.
 */
export function gateVerdict(reports: readonly TCriterionReport[], keys: readonly string[], threshold: number): TGateVerdict {
  const criteria = keys.flatMap((key): TGateVerdict["criteria"] => {
    const report = reports.find((r) => r.key === key);
    if (!report) return [];
    const base = { criterion: key, type: report.type, light: report.light };
    if (report.kind === "none") return [{ ...base, alpha: null, option: null, status: "exempt" as const, reason: "Free text has no agreement coefficient" }];
    const alpha = report.kind === "multi" ? (report.multi?.lowest.alpha ?? null) : (report.summary?.alpha ?? null);
    const option = report.kind === "multi" ? (report.multi?.lowest.option ?? null) : null;
    if (alpha === null) {
      const why = report.kind === "multi" ? report.multi?.lowest.alphaReason : (report.summary?.alphaReason ?? report.summaryReason);
      return [{ ...base, alpha, option, status: "fail" as const, reason: `α cannot be computed (${why ?? "undefined"})` }];
    }
    const passed = alpha >= threshold;
    return [
      { ...base, alpha, option, status: passed ? ("pass" as const) : ("fail" as const), reason: passed ? null : `α ${alpha.toFixed(3)} is below ${threshold}` },
    ];
  });
  return { passed: criteria.every((c) => c.status !== "fail"), threshold, criteria };
}

/** The values a condition on a criterion can pick from, as the rubric declares them; null for free entry (NUMERIC) or none (free text). */
export function criterionChoices(type: string, config: Record<string, unknown>): { value: unknown; label: string }[] | null {
  const labelled = (list: unknown) =>
    ((list as { value: unknown; label?: string }[] | undefined) ?? []).map((o) => ({ value: o.value, label: o.label ?? String(o.value) }));
  switch (type) {
    case "BINARY": {
      const words = config as { pass?: { label?: string }; fail?: { label?: string } };
      return [
        { value: true, label: words.pass?.label ?? "Pass" },
        { value: false, label: words.fail?.label ?? "Fail" },
      ];
    }
    case "SCALE":
      return labelled(config.levels).map((l) => ({ value: l.value, label: `${String(l.value)} ${l.label}` }));
    case "CATEGORICAL":
      return labelled(config.options);
    case "MULTI":
      return labelled(config.options).map((o) => ({ value: [o.value], label: `only ${o.label}` }));
    case "PREFERENCE":
      return ["A", "B", "TIE", "BOTH_BAD"].map((choice) => ({ value: choice, label: choice }));
    default:
      return null;
  }
}
