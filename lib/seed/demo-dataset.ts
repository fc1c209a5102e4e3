import { sessionProjectContext } from "@/lib/auth/context";
import type { TLineage, TLineageLabel } from "@/lib/datasets/content";
import { addItems, reviseItem } from "@/lib/datasets/items";
import { createDataset } from "@/lib/datasets/service";
import { moveTag, publishVersion } from "@/lib/datasets/versions";
import type { Database } from "@/lib/db/client";
import { currentGold } from "@/lib/gold/store";
import { readJudgmentValues } from "@/lib/scores/reader";
import { CONVERSATIONS } from "./demo-content";

// The demo's golden dataset, made from the demo queue's verdicts: the first items both
// experts labelled become items whose lineage copies their trace, queue item and labels
// (the adjudicated gold where the admin settled one, the raters' consensus otherwise).
// Version 1 (tagged prod) has six items; version 2 (candidate) corrects one and adds two.

export const DEMO_DATASET = "Support answers: golden set";
const IN_V1 = 6;
const IN_V2 = 8;
const split = (i: number) => (i % 3 === 2 ? "test" : "train");

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

export interface DemoDatasetInput {
  slug: string;
  queueId: string;
  /** The queue's items by priority: item n targets demo trace n, conversation n mod 10. */
  items: { id: string; traceExternalId: string }[];
  adminId: string;
}

/** Each item's helpfulness and correctness as the queue settled them, with who said so. */
async function verdicts(handle: Database, projectId: string, queueId: string, itemIds: string[]): Promise<Map<string, TLineageLabel[]>> {
  const [values, gold, criteria] = await Promise.all([
    readJudgmentValues(handle.sql, projectId, { queueId, queueItemIds: itemIds, revisions: "current" }),
    currentGold(handle.sql, projectId, queueId, itemIds),
    handle.prisma.criterion.findMany({ where: { projectId, key: { in: ["helpfulness", "correct"] } }, select: { id: true, key: true, rubricVersionId: true } }),
  ]);
  const byItem = new Map<string, TLineageLabel[]>();
  for (const itemId of itemIds) {
    const labels = criteria.flatMap((c): TLineageLabel[] => {
      const mine = values.filter((v) => v.queueItemId === itemId && v.criterionId === c.id && v.value !== null);
      const raters = mine.map((v) => (v.rater.kind === "external" ? v.rater.name : v.rater.id));
      const settled = gold.find((g) => g.itemId === itemId && g.criterionId === c.id);
      if (settled)
        return [
          { criterionKey: c.key, rubricVersionId: c.rubricVersionId, value: settled.value, provenance: "gold", raters: [settled.author.id], adjudicated: true },
        ];
      if (!mine.length) return [];
      const value = c.key === "correct" ? mine.filter((v) => v.value === true).length * 2 > mine.length : median(mine.map((v) => Number(v.value)));
      return [{ criterionKey: c.key, rubricVersionId: c.rubricVersionId, value, provenance: "consensus", raters, adjudicated: false }];
    });
    byItem.set(itemId, labels);
  }
  return byItem;
}

export async function seedDemoDataset(handle: Database, input: DemoDatasetInput): Promise<void> {
  const { project: ctx } = await sessionProjectContext(handle.sql, input.adminId, input.slug);
  if (!ctx) throw new Error(`The demo admin is not a member of ${input.slug}`);
  const chosen = input.items.slice(0, IN_V2);
  const targets = await handle.prisma.queueItem.findMany({
    where: { projectId: ctx.project.id, id: { in: chosen.map((c) => c.id) } },
    select: { id: true, traceId: true },
  });
  const labels = await verdicts(
    handle,
    ctx.project.id,
    input.queueId,
    chosen.map((c) => c.id),
  );
  const entries = chosen.map((item, i) => {
    const conversation = CONVERSATIONS[i % CONVERSATIONS.length];
    const lineage: TLineage = {
      traceId: targets.find((t) => t.id === item.id)?.traceId ?? null,
      spanId: null,
      traceBId: null,
      queueId: input.queueId,
      queueItemId: item.id,
      labels: labels.get(item.id) ?? [],
      via: "rule",
      gateOverride: null,
      redacted: null,
    };
    const content = {
      input: conversation.turns.at(-1)!.user,
      expectedOutput: conversation.answers["v1.5.0"],
      metadata: { topic: conversation.topic, trace: item.traceExternalId },
      splits: [split(i)],
    };
    return { content, lineage };
  });
  const dataset = await createDataset(handle, ctx, {
    name: DEMO_DATASET,
    description: "Questions the support assistant must always answer right, with the answer the experts' verdicts settled on.",
    inputSchema: { type: "string", minLength: 1 },
    expectedSchema: { type: "string", minLength: 1 },
  });
  const add = (from: number, to: number) =>
    addItems(handle, ctx, dataset.id, { items: entries.slice(from, to).map((e) => e.content), duplicates: "keep" }, "rule", {
      lineage: entries.slice(from, to).map((e) => e.lineage),
      audit: { demo: true },
    });
  const first = await add(0, IN_V1);
  if (first.added !== IN_V1) throw new Error(`The demo dataset refused items: ${JSON.stringify(first.results)}`);
  await publishVersion(handle, ctx, dataset.id, "First cut from the weekly review queue");
  await moveTag(handle, ctx, dataset.id, "prod", 1);
  const corrected = first.results[1].itemId!;
  await reviseItem(handle, ctx, dataset.id, corrected, {
    expectedOutput: `${entries[1].content.expectedOutput} If that does not help, contact support from the Help menu.`,
    tags: ["corrected"],
  });
  const second = await add(IN_V1, IN_V2);
  if (second.added !== IN_V2 - IN_V1) throw new Error(`The demo dataset refused items: ${JSON.stringify(second.results)}`);
  await publishVersion(handle, ctx, dataset.id, "One answer corrected, two items added");
  await moveTag(handle, ctx, dataset.id, "candidate", 2);
}
