import type { ProjectContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/scopes";
import { notFound } from "@/lib/errors";
import type { TAnnotationsQuery } from "./schemas";
import type { Database } from "@/lib/db/client";
import type { Sql } from "@/lib/db/transaction";
import { decodeCursor, encodeCursor } from "@/lib/db/cursor";
import { type TNamedJudgment, readJudgmentPage } from "@/lib/scores/reader";

// Labels out: every label of a queue with who gave it, against which rubric version, which
// side was shown on the left (pairwise), when, and its revision chain. Paged by a cursor over
// (item, label) so a page costs the same at the end of a large queue as at the start.

export interface Annotation {
  id: string;
  queueItemId: string;
  traceId: string;
  traceBId: string | null;
  name: string;
  criterionId: string | null;
  dataType: string;
  value: unknown;
  raterUserId: string | null;
  raterEmail: string | null;
  raterName: string | null;
  rubricVersionId: string | null;
  rubricVersion: number | null;
  leftSide: "A" | "B" | null;
  claimedAt: Date | null;
  submittedAt: Date | null;
  createdAt: Date;
  revision: number;
  isCurrent: boolean;
  supersedesId: string | null;
}

interface LabelledItem {
  traceId: string;
  traceBId: string | null;
  /** Each rater's assignment on the item, by user id. */
  assignments: Map<string, { leftSide: "A" | "B" | null; claimedAt: Date | null; submittedAt: Date | null }>;
}

/** The items of a page of labels, with their raters' assignments. */
async function labelledItems(sql: Sql, projectId: string, itemIds: string[]): Promise<Map<string, LabelledItem>> {
  const { rows } = await sql.query(
    `SELECT i.id, i.trace_id AS "traceId", i.trace_b_id AS "traceBId", a.user_id AS "userId", a.left_side AS "leftSide", a.claimed_at AS "claimedAt", a.submitted_at AS "submittedAt"
       FROM queue_items i LEFT JOIN assignments a ON a.project_id = i.project_id AND a.queue_item_id = i.id
      WHERE i.project_id = $1 AND i.id = ANY($2::uuid[])`,
    [projectId, itemIds],
  );
  const items = new Map<string, LabelledItem>();
  for (const { id, traceId, traceBId, userId, ...assignment } of rows) {
    const item = items.get(id) ?? { traceId, traceBId, assignments: new Map() };
    if (userId) item.assignments.set(userId, assignment);
    items.set(id, item);
  }
  return items;
}

function annotationOf(j: TNamedJudgment, item: LabelledItem): Annotation {
  const user = j.names.raterUser;
  const raterUserId = j.rater.kind === "user" ? j.rater.id : null;
  const assignment = raterUserId ? item.assignments.get(raterUserId) : undefined;
  return {
    id: j.id,
    queueItemId: j.queueItemId as string,
    traceId: item.traceId,
    traceBId: item.traceBId,
    name: j.name,
    criterionId: j.criterionId,
    dataType: j.dataType,
    raterUserId,
    raterEmail: user?.email ?? null,
    raterName: user?.name ?? null,
    rubricVersionId: j.rubricVersionId,
    rubricVersion: j.names.rubric?.version ?? null,
    leftSide: assignment?.leftSide ?? null,
    claimedAt: assignment?.claimedAt ?? null,
    submittedAt: assignment?.submittedAt ?? null,
    createdAt: j.createdAt,
    revision: j.revision,
    isCurrent: j.isCurrent,
    supersedesId: j.supersedesId,
    // Last, as the answer has always given it.
    value: j.value,
  };
}

export async function listAnnotations({ sql }: Database, ctx: ProjectContext, query: TAnnotationsQuery) {
  assertCan(ctx, "queues:read");
  const projectId = ctx.project.id;
  const exists = await sql.query(`SELECT 1 FROM queues WHERE project_id = $1 AND id = $2`, [projectId, query.queue]);
  if (!exists.rows[0]) throw notFound("Queue");
  const cursor = decodeCursor(query.cursor, 2);
  const labels = await readJudgmentPage(
    sql,
    projectId,
    { queueId: query.queue, revisions: query.current === "true" ? "current" : "all" },
    { order: "queueItem", after: cursor ? { queueItemId: cursor[0], id: cursor[1] } : null, limit: query.limit + 1, names: true, firstSubmittedAt: false },
  );
  const page = labels.slice(0, query.limit);
  const items = await labelledItems(sql, projectId, [...new Set(page.map((j) => j.queueItemId as string))]);
  // An item deleted since its labels were read has taken them with it.
  const annotations = page.flatMap((j) => {
    const item = items.get(j.queueItemId as string);
    return item ? [annotationOf(j, item)] : [];
  });
  const last = page.at(-1);
  return { annotations, nextCursor: labels.length > query.limit && last ? encodeCursor([last.queueItemId as string, last.id]) : null };
}

/** Every label of the queue, page after page, for a download. */
export async function* allAnnotations(db: Database, ctx: ProjectContext, queue: string, current: boolean): AsyncGenerator<Annotation[]> {
  let cursor: string | undefined;
  do {
    const page = await listAnnotations(db, ctx, { queue, cursor, limit: 1000, current: current ? "true" : undefined });
    if (page.annotations.length) yield page.annotations;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
