import type { ProjectContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/scopes";
import type { Database } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { readAllJudgments } from "@/lib/scores/reader";

/** One trace by its external id, with its spans and every current score on it. */
export async function getTraceDetail({ prisma: db }: Database, ctx: ProjectContext, externalId: string) {
  assertCan(ctx, "traces:read");
  const projectId = ctx.project.id;
  const trace = await db.trace.findUnique({ where: { projectId_externalId: { projectId, externalId } } });
  if (!trace) throw notFound("Trace");
  const spans = await db.span.findMany({ where: { projectId, traceId: trace.id }, orderBy: [{ startTime: "asc" }, { spanId: "asc" }] });
  // Scores on the trace, on its spans, and experts' labels on queue items targeting it (both
  // sides of a pair: the page lists everything said on the items the trace is in).
  const scores = await readAllJudgments(
    db,
    projectId,
    { traceIds: [trace.id], anySide: true, revisions: "current" },
    { order: "name", names: true, firstSubmittedAt: false },
  );
  return { trace, spans, scores };
}

export type TraceDetail = Awaited<ReturnType<typeof getTraceDetail>>;
