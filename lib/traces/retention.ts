import { recordAudit } from "@/lib/audit/service";
import type { Tx } from "@/lib/db/client";
import { deleteTraceIds } from "./service";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The daily retention run: in every project with a retention window, deletes traces that
 * started before it, in chunks, and records how many went (never what they held).
 */
export async function purgeExpiredTraces(db: Tx, now = new Date()) {
  const projects = await db.project.findMany({ where: { retentionDays: { not: null } }, select: { id: true, retentionDays: true } });
  const deleted: Record<string, number> = {};
  for (const project of projects) {
    const cutoff = new Date(now.getTime() - project.retentionDays! * DAY_MS);
    const count = await deleteTraceIds(db, project.id, { startTime: { lt: cutoff } });
    if (count === 0) continue;
    deleted[project.id] = count;
    await recordAudit(db, null, {
      projectId: project.id,
      action: "trace.retention",
      targetType: "project",
      targetId: project.id,
      details: { deleted: count, retentionDays: project.retentionDays, cutoff: cutoff.toISOString() },
    });
  }
  return { deleted };
}
