import type { ProjectContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/scopes";
import type { Database } from "@/lib/db/client";
import { selectedTraceIds } from "@/lib/traces/selection";
import { retrievedDocuments } from "@/lib/traces/view";
import type { TLineage } from "./content";
import { addItems } from "./items";
import { actorKey } from "./promote";
import type { TTracesToDataset, TTracesToDatasetResult } from "./promote-schemas";
import { findDatasetHead } from "./service";

// Items from the explorer: checked traces or everything a filter matches now. The trace's
// input becomes the item's input, its output the expected output, and the documents its
// retrieval spans returned (what the trace page shows as retrieved context) go to metadata,
// each with the span it came from. Content is copied: the item outlives its trace.

interface SpanRow {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  type: string;
  output: unknown;
}

/** The retrieved documents of a trace's RETRIEVAL spans, in span order, each naming its span. */
export function retrievedContext(spans: readonly SpanRow[]) {
  return spans
    .filter((s) => s.type === "RETRIEVAL")
    .flatMap((s) => (retrievedDocuments(s.output) ?? []).map((d) => ({ spanId: s.spanId, id: d.id, title: d.title, text: d.text, score: d.score })));
}

export async function addTracesToDataset(db: Database, ctx: ProjectContext, datasetId: string, body: TTracesToDataset): Promise<TTracesToDatasetResult> {
  assertCan(ctx, "datasets:write");
  const projectId = ctx.project.id;
  await findDatasetHead(db.prisma, projectId, datasetId);
  const { found, missing } = await selectedTraceIds(db, ctx, body.selection);
  const [traces, spans] = await Promise.all([
    db.prisma.trace.findMany({ where: { projectId, id: { in: found } }, select: { id: true, input: true, output: true } }),
    db.prisma.span.findMany({
      where: { projectId, traceId: { in: found } },
      select: { traceId: true, spanId: true, parentSpanId: true, type: true, output: true },
      orderBy: [{ startTime: "asc" }, { spanId: "asc" }],
    }),
  ]);
  const byId = new Map(traces.map((t) => [t.id, t]));
  const spansOf = new Map<string, SpanRow[]>();
  for (const s of spans) spansOf.set(s.traceId, [...(spansOf.get(s.traceId) ?? []), s]);
  const ordered = found.filter((id) => byId.has(id));
  const addedBy = actorKey(ctx);
  const addedAt = new Date().toISOString();
  const lineage: TLineage[] = [];
  const items = ordered.map((id) => {
    const trace = byId.get(id)!;
    const mine = spansOf.get(id) ?? [];
    const context = retrievedContext(mine);
    lineage.push({
      traceId: id,
      // The root span carries what the trace answered; retrieval spans are named in the context.
      spanId: mine.find((s) => s.parentSpanId === null)?.spanId ?? null,
      traceBId: null,
      queueId: null,
      queueItemId: null,
      labels: [],
      via: "traces",
      gateOverride: null,
      redacted: null,
      addedBy,
      addedAt,
    });
    return { input: trace.input, expectedOutput: trace.output, metadata: context.length ? { context } : {}, splits: body.splits, tags: body.tags };
  });
  const result = await addItems(db, ctx, datasetId, { items, duplicates: body.duplicates }, "traces", {
    lineage,
    audit: { selection: "filter" in body.selection ? "filter" : "traces", missing: missing + found.length - ordered.length },
  });
  return {
    added: result.added,
    duplicates: result.duplicates,
    rejected: result.rejected,
    missing: missing + found.length - ordered.length,
    results: result.results.map((r) => ({ ...r, traceId: ordered[r.index] })),
  };
}
