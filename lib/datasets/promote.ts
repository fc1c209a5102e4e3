import type { ProjectContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/scopes";
import type { Database } from "@/lib/db/client";
import { AppError, forbidden } from "@/lib/errors";
import type { TGold } from "@/lib/gold/answers";
import { currentGold } from "@/lib/gold/store";
import { policyOf } from "@/lib/reports/consensus-criterion";
import { consensusOfLabels, goldOfUnit } from "@/lib/reports/consensus";
import { criterionFigures, ranked } from "@/lib/reports/figures";
import { type QueueFrame, type UnitLabel, collectLabels, collectRatings, loadFrame } from "@/lib/reports/frame";
import type { TLineage } from "./content";
import { addItems } from "./items";
import { type TDecision, type TPromotionUnit, type TResolvedLabel, type TSide, decide, gateVerdict, ruleCriteria, ruleProblems } from "./promote-rule";
import type { TGateVerdict, TPromotionApply, TPromotionPreview, TPromotionResult, TPromotionRule } from "./promote-schemas";
import { findDatasetHead } from "./service";

// Promotion from a queue: the rule picks completed items by their labels (adjudicated gold >
// reference gold > consensus, as the consensus report reads them), and the agreement gate
// says whether the queue's raters agree enough for any of it to become a golden example.

const SKIPPED_SHOWN = 200;

/** Who acts, as lineage and audit name them. */
export const actorKey = (ctx: ProjectContext) => (ctx.actor.kind === "user" ? `user:${ctx.actor.userId}` : `key:${ctx.actor.apiKeyId}`);

const authorKey = (gold: TGold) => `${gold.author.kind === "user" ? "user" : "key"}:${gold.author.id}`;

interface Evaluation {
  frame: QueueFrame;
  gate: TGateVerdict;
  completed: number;
  decisions: { itemId: string; traceId: string | null; traceBId: string | null; decision: TDecision }[];
}

/** The queue's agreement on the criteria the rule reads, over every label of the queue (first revisions, as the report). */
async function gateOf(sql: Database["sql"], ctx: ProjectContext, frame: QueueFrame, keys: string[]): Promise<TGateVerdict> {
  const used = frame.criteria.filter((c) => keys.includes(c.key));
  const first = ranked(await collectRatings(sql, ctx.project.id, frame, "first"));
  const reports = used.map((c) => criterionFigures(c, first, frame.thresholds, false));
  return gateVerdict(reports, keys, frame.thresholds.tentative);
}

function byUnit(labels: Map<string, UnitLabel[]>): Map<string, Map<string, UnitLabel[]>> {
  const out = new Map<string, Map<string, UnitLabel[]>>();
  for (const [criterionId, list] of labels) {
    const units = new Map<string, UnitLabel[]>();
    for (const l of list) units.set(l.unit, [...(units.get(l.unit) ?? []), l]);
    out.set(criterionId, units);
  }
  return out;
}

async function evaluate(db: Database, ctx: ProjectContext, datasetId: string, rule: TPromotionRule): Promise<Evaluation> {
  assertCan(ctx, "datasets:write");
  const { sql, prisma } = db;
  await findDatasetHead(prisma, ctx.project.id, datasetId);
  const frame = await loadFrame(sql, ctx, rule.queueId);
  const problems = ruleProblems(rule, frame.mode, frame.criteria);
  if (problems.length) throw new AppError("validation_failed", problems.map((p) => p.message).join("; "), problems);
  const keys = ruleCriteria(rule, frame.mode, frame.criteria);
  const completed = [...frame.items].filter(([, item]) => item.status === "COMPLETED").sort(([a], [b]) => (a < b ? -1 : 1));
  const traceIds = [...new Set(completed.flatMap(([, i]) => [i.traceId, i.traceBId]).filter((t): t is string => t !== null))];
  const [gate, current, gold, traces] = await Promise.all([
    gateOf(sql, ctx, frame, keys),
    collectLabels(sql, ctx.project.id, frame, "current"),
    currentGold(sql, ctx.project.id, frame.id),
    prisma.trace.findMany({ where: { projectId: ctx.project.id, id: { in: traceIds } }, select: { id: true, input: true, output: true } }),
  ]);
  const units = byUnit(current);
  const traceById = new Map(traces.map((t) => [t.id, t]));
  const criterionByKey = new Map(frame.criteria.map((c) => [c.key, c]));
  const policy = policyOf(frame.consensusPolicy);
  const labelsOf = (criterionId: string, itemId: string, side: TSide) => units.get(criterionId)?.get(side ? `${itemId}:${side}` : itemId) ?? [];

  const decisions = completed.map(([itemId, item]) => {
    const label = (key: string, side: TSide): TResolvedLabel => {
      const c = criterionByKey.get(key)!;
      const settled = goldOfUnit(gold, itemId, c.id, side);
      if (settled) {
        const adjudicated = settled.kind === "ADJUDICATED";
        return {
          value: settled.value,
          provenance: adjudicated ? "gold" : "reference",
          raters: [authorKey(settled)],
          adjudicated,
          rubricVersionId: frame.rubricVersionId,
        };
      }
      const mine = labelsOf(c.id, itemId, side);
      const consensus = consensusOfLabels(policy, c, mine);
      if (consensus.value === null) return { value: null, reason: consensus.reason ?? "no consensus" };
      return { value: consensus.value, provenance: "consensus", raters: mine.map((l) => l.rater), adjudicated: false, rubricVersionId: frame.rubricVersionId };
    };
    const raters = new Set<string>();
    for (const perUnit of units.values()) for (const [unit, list] of perUnit) if (unit.startsWith(itemId)) for (const l of list) raters.add(l.rater);
    const trace = (id: string | null) => (id && traceById.get(id) ? { id, input: traceById.get(id)!.input, output: traceById.get(id)!.output } : null);
    const unit: TPromotionUnit = {
      itemId,
      trace: trace(item.traceId),
      traceB: trace(item.traceBId),
      rubricVersionId: frame.rubricVersionId,
      raters: [...raters].sort(),
      label,
      answers: (key, side) => labelsOf(criterionByKey.get(key)!.id, itemId, side).map((l) => ({ rater: l.rater, text: String(l.judgment.value ?? "") })),
    };
    return { itemId, traceId: item.traceId, traceBId: item.traceBId, decision: decide(rule, frame.mode, frame.criteria, unit) };
  });
  return { frame, gate, completed: completed.length, decisions };
}

/** What a rule selects from its queue and what the agreement gate says, before anything is added. */
export async function previewPromotion(db: Database, ctx: ProjectContext, datasetId: string, rule: TPromotionRule, sample = 20): Promise<TPromotionPreview> {
  const { frame, gate, completed, decisions } = await evaluate(db, ctx, datasetId, rule);
  const count = (status: TDecision["status"]) => decisions.filter((d) => d.decision.status === status).length;
  return {
    queue: { id: frame.id, name: frame.name, mode: frame.mode },
    counts: { items: frame.items.size, completed, selected: count("selected"), notMatching: count("not_matching"), skipped: count("skipped") },
    sample: decisions
      .flatMap((d) =>
        d.decision.status === "selected"
          ? [
              {
                queueItemId: d.itemId,
                traceId: d.traceId,
                traceBId: d.traceBId,
                input: d.decision.content.input,
                expectedOutput: d.decision.content.expectedOutput,
                preference: d.decision.content.preference,
                labels: d.decision.content.labels.map((l) => ({ criterion: l.criterionKey, value: l.value, provenance: l.provenance })),
              },
            ]
          : [],
      )
      .slice(0, sample),
    skipped: decisions.flatMap((d) => (d.decision.status === "skipped" ? [{ queueItemId: d.itemId, reason: d.decision.reason }] : [])).slice(0, SKIPPED_SHOWN),
    gate,
  };
}

const isAdmin = (ctx: ProjectContext) => ctx.role === "ADMIN" || (ctx.actor.kind === "apiKey" && ctx.actor.keyScope === "ADMIN");

/**
 * Adds what the rule selects, when the agreement gate allows it or an ADMIN overrides it with a
 * reason. The rule, the gate's verdict and any override go into every item's lineage and the audit.
 */
export async function applyPromotion(db: Database, ctx: ProjectContext, datasetId: string, input: TPromotionApply): Promise<TPromotionResult> {
  const { rule } = input;
  const { gate, decisions } = await evaluate(db, ctx, datasetId, rule);
  let override: string | null = null;
  if (!gate.passed) {
    const failing = gate.criteria.filter((c) => c.status === "fail");
    if (!input.override)
      throw new AppError(
        "agreement_gate",
        `The raters do not agree enough to promote: ${failing.map((c) => `${c.criterion} α ${c.alpha === null ? "undefined" : c.alpha.toFixed(3)} < ${gate.threshold}`).join(", ")}`,
        failing.map((c) => ({ path: c.criterion, message: `α ${c.alpha === null ? "undefined" : c.alpha.toFixed(3)}, threshold ${gate.threshold}` })),
      );
    if (!isAdmin(ctx)) throw forbidden("Only an ADMIN may override the agreement gate");
    override = input.override;
  }
  const selected = decisions.flatMap((d) => (d.decision.status === "selected" ? [{ ...d, content: d.decision.content }] : []));
  const addedBy = actorKey(ctx);
  const addedAt = new Date().toISOString();
  const lineage: TLineage[] = selected.map((d) => ({
    traceId: d.traceId,
    spanId: null,
    traceBId: d.traceBId,
    queueId: rule.queueId,
    queueItemId: d.itemId,
    labels: d.content.labels,
    via: "rule",
    gateOverride: override,
    redacted: null,
    rule,
    gate,
    addedBy,
    addedAt,
  }));
  const items = selected.map((d) => ({
    input: d.content.input,
    expectedOutput: d.content.expectedOutput,
    preference: d.content.preference,
    metadata: {},
    splits: rule.splits,
    tags: rule.tags,
  }));
  const result = await addItems(db, ctx, datasetId, { items, duplicates: input.duplicates }, "rule", {
    lineage,
    audit: { queueId: rule.queueId, rule, gate: { passed: gate.passed, threshold: gate.threshold, criteria: gate.criteria }, override },
  });
  return {
    added: result.added,
    duplicates: result.duplicates,
    rejected: result.rejected,
    results: result.results.map((r) => ({ ...r, queueItemId: selected[r.index].itemId })),
    gate,
    override,
  };
}
