import { isDeepStrictEqual } from "node:util";
import type { ProjectContext } from "@/lib/auth/context";
import { requireUser } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/scopes";
import { recordAudit } from "@/lib/audit/service";
import type { Database } from "@/lib/db/client";
import { type Sql, prismaTransaction } from "@/lib/db/transaction";
import { AppError, notFound } from "@/lib/errors";
import { assertAdjudicator } from "@/lib/queues/adjudicators";
import { type QueueFrame, type UnitLabel, collectLabels, loadFrame } from "@/lib/reports/frame";
import type { CriterionRow } from "@/lib/reports/scale";
import { validateScoreValue } from "@/lib/rubrics/score-value";
import { type TScoreColumns, type TSide, decodeValue, encodeAnswer } from "@/lib/scores/codec";
import type { TGold } from "./answers";
import type { TAdjudicate, TReferenceGold } from "./schemas";
import { appendGold } from "./store";

// Settling an item: an adjudicator picks one rater's current label or enters a value, with a
// reason whenever it matches no rater's value. The raters' labels are never touched; gold is
// appended to its own chain, and the audit log records each decision.

function criterionOf(frame: QueueFrame, key: string, path: string): CriterionRow {
  const criterion = frame.criteria.find((c) => c.key === key);
  if (!criterion) throw new AppError("criterion_not_found", `The queue's rubric version has no criterion "${key}"`, [{ path, message: "Unknown criterion" }]);
  return criterion;
}

/** A per-side criterion of a pairwise item needs its side; anything else has none. */
function sideFor(frame: QueueFrame, criterion: CriterionRow, side: TSide | undefined, path: string): TSide | null {
  const perSide = frame.mode === "PAIRWISE" && criterion.type !== "PREFERENCE";
  if (perSide && !side)
    throw new AppError("validation_failed", `"${criterion.key}" is answered per side on pairwise items: give side A or B`, [{ path, message: "Required" }]);
  if (!perSide && side) throw new AppError("validation_failed", `"${criterion.key}" has no sides here`, [{ path, message: "Leave it out" }]);
  return side ?? null;
}

function checkedValue(criterion: CriterionRow, value: unknown, path: string): TScoreColumns {
  const check = validateScoreValue(criterion, value);
  if (!check.ok) throw new AppError("invalid_value", check.message, [{ path, message: check.message }]);
  return check.value;
}

async function itemOf(frame: QueueFrame, itemId: string) {
  const item = frame.items.get(itemId);
  if (!item) throw notFound("Queue item");
  return item;
}

async function assertDidNotLabel(sql: Sql, projectId: string, itemId: string, userId: string): Promise<void> {
  const { rows } = await sql.query(`SELECT 1 FROM assignments WHERE project_id = $1 AND queue_item_id = $2 AND user_id = $3 AND status = 'SUBMITTED'`, [
    projectId,
    itemId,
    userId,
  ]);
  if (rows.length) throw new AppError("adjudicator_labelled", "You labelled this item yourself: another adjudicator settles it");
}

export async function adjudicate({ sql, prisma: db }: Database, ctx: ProjectContext, queueId: string, input: TAdjudicate): Promise<TGold> {
  await assertAdjudicator(sql, ctx, queueId);
  const { userId } = requireUser(ctx.actor);
  const frame = await loadFrame(sql, ctx, queueId);
  await itemOf(frame, input.itemId);
  const criterion = criterionOf(frame, input.criterion, "criterion");
  const side = sideFor(frame, criterion, input.side, "side");
  await assertDidNotLabel(sql, ctx.project.id, input.itemId, userId);
  const labels = await collectLabels(sql, ctx.project.id, frame, "current", { itemIds: [input.itemId], criterionIds: [criterion.id] });
  const candidates = (labels.get(criterion.id) ?? []).filter((l: UnitLabel) => l.side === side);
  let columns: TScoreColumns;
  if (input.labelId) {
    const picked = candidates.find((l) => l.id === input.labelId);
    if (!picked)
      throw new AppError("validation_failed", "That label is not a current label of this item and criterion", [
        { path: "labelId", message: "Not a candidate" },
      ]);
    columns = encodeAnswer(criterion.type, picked.judgment.value!);
  } else {
    columns = checkedValue(criterion, input.value, "value");
  }
  const value = decodeValue(columns);
  const matchesRater = candidates.some((l) => isDeepStrictEqual(l.judgment.value, value));
  if (!matchesRater && !input.reason) {
    throw new AppError("validation_failed", "A value no rater gave needs a reason", [
      { path: "reason", message: "Required when the value matches no rater's label" },
    ]);
  }
  return prismaTransaction(db, async (tx) => {
    const gold = await appendGold(tx, {
      projectId: ctx.project.id,
      itemId: input.itemId,
      side,
      rubricVersionId: frame.rubricVersionId,
      criterionId: criterion.id,
      criterionKey: criterion.key,
      kind: "ADJUDICATED",
      columns,
      reason: input.reason ?? null,
      author: { kind: "user", id: userId },
      candidateLabelIds: candidates.map((l) => l.id),
    });
    await recordAudit(tx, ctx.actor, {
      projectId: ctx.project.id,
      action: "gold.adjudicate",
      targetType: "queue_item",
      targetId: input.itemId,
      details: {
        queueId,
        goldId: gold.id,
        criterion: criterion.key,
        side,
        revision: gold.revision,
        labelId: input.labelId ?? null,
        matchesRater,
        reason: gold.reason,
        candidates: gold.candidateLabelIds,
      },
    });
    return gold;
  });
}

/** Reference gold sent by API (a FULL key): marked REFERENCE, below adjudicated gold. All or nothing. */
export async function addReferenceGold({ sql, prisma: db }: Database, ctx: ProjectContext, queueId: string, input: TReferenceGold): Promise<{ gold: TGold[] }> {
  assertCan(ctx, "queues:manage");
  if (ctx.actor.kind !== "apiKey") throw new AppError("forbidden", "Reference gold arrives by API key; people adjudicate");
  const author = { kind: "apiKey" as const, id: ctx.actor.apiKeyId };
  const frame = await loadFrame(sql, ctx, queueId);
  const writes = await Promise.all(
    input.gold.map(async (g, i) => {
      const at = `gold.${i}`;
      if (!frame.items.has(g.itemId))
        throw new AppError("validation_failed", `No item ${g.itemId} in this queue`, [{ path: `${at}.itemId`, message: "Not an item of this queue" }]);
      const criterion = criterionOf(frame, g.criterion, `${at}.criterion`);
      const side = sideFor(frame, criterion, g.side, `${at}.side`);
      return { g, criterion, side, columns: checkedValue(criterion, g.value, `${at}.value`) };
    }),
  );
  return prismaTransaction(db, async (tx) => {
    const gold: TGold[] = [];
    for (const { g, criterion, side, columns } of writes) {
      const written = await appendGold(tx, {
        projectId: ctx.project.id,
        itemId: g.itemId,
        side,
        rubricVersionId: frame.rubricVersionId,
        criterionId: criterion.id,
        criterionKey: criterion.key,
        kind: "REFERENCE",
        columns,
        reason: g.reason ?? null,
        author,
        candidateLabelIds: [],
      });
      await recordAudit(tx, ctx.actor, {
        projectId: ctx.project.id,
        action: "gold.reference",
        targetType: "queue_item",
        targetId: g.itemId,
        details: { queueId, goldId: written.id, criterion: criterion.key, side, revision: written.revision },
      });
      gold.push(written);
    }
    return { gold };
  });
}
