import type { ProjectContext } from "@/lib/auth/context";
import { requireUser } from "@/lib/auth/context";
import { can } from "@/lib/auth/scopes";
import { notFound } from "@/lib/errors";
import { queueToView } from "./access";
import type { TCommentCreate } from "./schemas";
import type { Sql } from "@/lib/db/transaction";

/** A comment on an item, by a rater it was handed to or by someone reviewing the queue. */
export async function addComment(sql: Sql, ctx: ProjectContext, queueId: string, itemId: string, input: TCommentCreate) {
  await queueToView(sql, ctx, queueId);
  const { userId } = requireUser(ctx.actor);
  const { rows } = await sql.query(
    `INSERT INTO comments (project_id, queue_item_id, author_id, body)
     SELECT i.project_id, i.id, $3, $4 FROM queue_items i
      WHERE i.project_id = $1 AND i.id = $2 AND i.queue_id = $5
        AND ($6 OR EXISTS (SELECT 1 FROM assignments a WHERE a.project_id = i.project_id AND a.queue_item_id = i.id AND a.user_id = $3))
     RETURNING id, body, author_id AS "authorId", created_at AS "createdAt"`,
    [ctx.project.id, itemId, userId, input.body, queueId, can(ctx, "queues:read")],
  );
  if (!rows[0]) throw notFound("Item");
  return rows[0];
}
