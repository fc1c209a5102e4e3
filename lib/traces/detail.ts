import type { ProjectContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/scopes";
import type { Tx } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { currentScoresForTraceDetail } from "@/lib/scores/reads";

/** One trace by its external id, with its spans and every current score on it. */
export async function getTraceDetail(db: Tx, ctx: ProjectContext, externalId: string) {
  assertCan(ctx, "traces:read");
  const projectId = ctx.project.id;
  const trace = await db.trace.findUnique({ where: { projectId_externalId: { projectId, externalId } } });
  if (!trace) throw notFound("Trace");
  const spans = await db.span.findMany({ where: { projectId, traceId: trace.id }, orderBy: [{ startTime: "asc" }, { spanId: "asc" }] });
  // Scores on the trace, on its spans, and experts' labels on queue items targeting it.
  const scores = await currentScoresForTraceDetail(db, projectId, trace.id);
  return { trace, spans, scores };
}

export type TraceDetail = Awaited<ReturnType<typeof getTraceDetail>>;
