import type { ProjectContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/scopes";
import { notFound } from "@/lib/errors";
import type { TAnnotationsQuery } from "./schemas";
import type { Sql } from "@/lib/db/transaction";
import { decodeCursor, encodeCursor } from "@/lib/db/cursor";
import { decodeValue } from "@/lib/scores/codec";
import { queueLabelsPage } from "@/lib/scores/reads";

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

export async function listAnnotations(sql: Sql, ctx: ProjectContext, query: TAnnotationsQuery) {
  assertCan(ctx, "queues:read");
  const exists = await sql.query(`SELECT 1 FROM queues WHERE project_id = $1 AND id = $2`, [ctx.project.id, query.queue]);
  if (!exists.rows[0]) throw notFound("Queue");
  const cursor = decodeCursor(query.cursor, 2);
  const after = cursor ? ([cursor[0], cursor[1]] as [string, string]) : null;
  const rows = await queueLabelsPage(sql, {
    projectId: ctx.project.id,
    queueId: query.queue,
    after,
    currentOnly: query.current === "true",
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const annotations: Annotation[] = page.map(({ numberValue: _n, textValue: _t, jsonValue: _j, ...r }, i) => ({ ...r, value: decodeValue(page[i]) }));
  const last = page.at(-1);
  return { annotations, nextCursor: rows.length > query.limit && last ? encodeCursor([last.queueItemId, last.id]) : null };
}

/** Every label of the queue, page after page, for a download. */
export async function* allAnnotations(sql: Sql, ctx: ProjectContext, queue: string, current: boolean): AsyncGenerator<Annotation[]> {
  let cursor: string | undefined;
  do {
    const page = await listAnnotations(sql, ctx, { queue, cursor, limit: 1000, current: current ? "true" : undefined });
    if (page.annotations.length) yield page.annotations;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
