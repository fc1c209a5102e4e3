import type { ProjectContext } from "@/lib/auth/context";
import type { Database } from "@/lib/db/client";
import { resolveVersion } from "@/lib/datasets/versions";
import { AppError, notFound } from "@/lib/errors";
import type { TStoredJudgeVersion } from "@/lib/judge-versions/store";
import { selectedTraceIds } from "@/lib/traces/selection";
import type { TRunTarget } from "./schemas";
import type { TTarget } from "./targets";

// A run's target set, resolved once when it starts: the queue's items as they are, the traces
// the explorer's selection matches now, or the items of a published dataset version. Later
// arrivals are not judged behind the starter's back.

export interface TResolvedTargets {
  targets: TTarget[];
  /** The dataset version whose item revisions the run reads. */
  datasetVersionId: string | null;
  /** The target as stored on the run: what was asked, with what it resolved to. */
  stored: Record<string, unknown>;
}

const wrongMode = (message: string) => new AppError("validation_failed", message, [{ path: "target", message }]);

async function queueTargets(db: Database, projectId: string, version: TStoredJudgeVersion, queueId: string): Promise<TTarget[]> {
  const queue = await db.prisma.queue.findFirst({ where: { projectId, id: queueId }, select: { mode: true } });
  if (!queue) throw notFound("Queue");
  if ((queue.mode === "PAIRWISE") !== (version.mode === "pairwise")) {
    throw wrongMode(version.mode === "pairwise" ? "A pairwise judge runs on a pairwise queue" : "A pairwise queue needs a pairwise (PREFERENCE) judge");
  }
  const items = await db.prisma.queueItem.findMany({
    where: { projectId, queueId, status: { not: "REMOVED" } },
    select: { id: true, traceId: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  if (queue.mode === "PAIRWISE") return items.map((i) => ({ queueItemId: i.id }));
  // A single trace's judgment is a score on the trace: the queue only says which traces.
  return [...new Set(items.flatMap((i) => (i.traceId ? [i.traceId] : [])))].map((traceId) => ({ traceId }));
}

export async function resolveTargets(db: Database, ctx: ProjectContext, version: TStoredJudgeVersion, target: TRunTarget): Promise<TResolvedTargets> {
  const projectId = ctx.project.id;
  switch (target.kind) {
    case "queue":
      return { targets: await queueTargets(db, projectId, version, target.queueId), datasetVersionId: null, stored: target };
    case "traces": {
      if (version.mode === "pairwise") throw wrongMode("A pairwise judge runs on a pairwise queue, not on single traces");
      const { found } = await selectedTraceIds(db, ctx, target.selection);
      return { targets: found.map((traceId) => ({ traceId })), datasetVersionId: null, stored: { kind: "traces", traces: found.length } };
    }
    case "dataset": {
      if (version.mode === "pairwise") throw wrongMode("A pairwise judge runs on a pairwise queue, not on dataset items");
      const dataset = await db.prisma.dataset.findFirst({ where: { projectId, id: target.datasetId }, select: { id: true } });
      if (!dataset) throw notFound("Dataset");
      const datasetVersion = await resolveVersion(db.prisma, projectId, target.datasetId, target.version);
      const { rows } = await db.sql.query<{ itemId: string }>(
        `SELECT r.item_id AS "itemId" FROM dataset_version_items vi JOIN dataset_item_revisions r ON r.project_id = vi.project_id AND r.id = vi.revision_id
          WHERE vi.project_id = $1::uuid AND vi.version_id = $2::uuid AND ($3::text IS NULL OR $3::text = ANY(r.splits)) ORDER BY r.item_id`,
        [projectId, datasetVersion.id, target.split ?? null],
      );
      return {
        targets: rows.map((r) => ({ datasetItemId: r.itemId })),
        datasetVersionId: datasetVersion.id,
        stored: { ...target, version: datasetVersion.number, datasetVersionId: datasetVersion.id },
      };
    }
  }
}
