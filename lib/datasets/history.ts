import type { ProjectContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/scopes";
import type { Database } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { isUuid } from "@/lib/ids";
import { ITEM_COLUMNS, type TItemRow, toItem } from "./items";
import type { TItem, TItemRevision } from "./schemas";
import { findDatasetHead } from "./service";
import { contentOf } from "./versions";

// One item with every revision it went through, newest first, and who made each: what the
// item panel shows beside the content and its lineage.

interface RevisionRow extends TItemRow {
  author: string | null;
}

export async function itemHistory(
  { prisma }: Database,
  ctx: ProjectContext,
  datasetId: string,
  itemId: string,
): Promise<{ item: TItem; revisions: TItemRevision[]; sourceTrace: string | null }> {
  assertCan(ctx, "datasets:read");
  await findDatasetHead(prisma, ctx.project.id, datasetId);
  if (!isUuid(itemId)) throw notFound("Item");
  const rows = await prisma.$queryRawUnsafe<(RevisionRow & { isCurrent: boolean })[]>(
    `SELECT ${ITEM_COLUMNS}, r.is_current AS "isCurrent", coalesce(u.name, k.name) AS author
       FROM dataset_items i JOIN dataset_item_revisions r ON r.project_id = i.project_id AND r.item_id = i.id
       LEFT JOIN users u ON u.id = r.author_user_id
       LEFT JOIN api_keys k ON k.project_id = r.project_id AND k.id = r.author_api_key_id
      WHERE i.project_id = $1::uuid AND i.dataset_id = $2::uuid AND i.id = $3::uuid
      ORDER BY r.revision DESC`,
    ctx.project.id,
    datasetId,
    itemId,
  );
  const current = rows.find((r) => r.isCurrent);
  if (!current) throw notFound("Item");
  // Lineage names the trace by its row id; its page is addressed by the client's id.
  const traceId = current.lineage?.traceId;
  const traces =
    traceId && isUuid(traceId)
      ? await prisma.$queryRawUnsafe<{ externalId: string }[]>(
          `SELECT external_id AS "externalId" FROM traces WHERE project_id = $1::uuid AND id = $2::uuid`,
          ctx.project.id,
          traceId,
        )
      : [];
  return {
    item: toItem(current),
    sourceTrace: traces[0]?.externalId ?? null,
    revisions: rows.map((row) => {
      const { portableId: _portableId, lineage: _lineage, ...content } = contentOf(row);
      return {
        revision: row.revision,
        ...content,
        archived: row.archived,
        redacted: row.redactedAt !== null,
        author: row.author,
        createdAt: row.createdAt.toISOString(),
      };
    }),
  };
}
