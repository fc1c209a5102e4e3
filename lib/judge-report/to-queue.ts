import type { TItemsAdd } from "@/lib/queues/schemas";

// Disagreements sent from a judge's report to an annotation queue, through the queue's own
// items route: a single-trace judge's disagreements become one item per trace, a pairwise
// judge's one item per pair (trace A and B as the judge saw them). A queue of the other shape
// is refused here, with a sentence the page shows, before anything is sent.

export type TQueueMode = "SINGLE" | "PAIRWISE";

interface TRow {
  traceId: string;
  traceBId: string | null;
}

/** The items-route body for `rows`, or why they cannot go to a queue of `queueMode`. */
export function queueItemsFor(reportMode: "single" | "pairwise", rows: TRow[], queueMode: TQueueMode): { body: TItemsAdd } | { refusal: string } {
  if (reportMode === "single") {
    if (queueMode !== "SINGLE") return { refusal: "This queue compares pairs of traces: single-trace disagreements go to a single-response queue." };
    return { body: { traceIds: [...new Set(rows.map((r) => r.traceId))] } };
  }
  if (queueMode !== "PAIRWISE") return { refusal: "These disagreements are about pairs of traces: pick a pairwise queue." };
  const pairs = rows.filter((r): r is { traceId: string; traceBId: string } => r.traceBId !== null).map((r) => ({ a: r.traceId, b: r.traceBId }));
  if (pairs.length < rows.length) return { refusal: "Some of these disagreements no longer name both traces of their pair." };
  return { body: { pairs } };
}

/** "Added 3, 1 already in the queue": what the items route answered, in one sentence. */
export function sentSentence(answer: { added: number; duplicates: unknown[]; missing: unknown[] }): string {
  const parts = [`Added ${answer.added}`];
  if (answer.duplicates.length) parts.push(`${answer.duplicates.length} already in the queue`);
  if (answer.missing.length) parts.push(`${answer.missing.length} no longer exist`);
  return `${parts.join(", ")}.`;
}
