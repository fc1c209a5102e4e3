import type { ProjectContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/scopes";
import type { Database } from "@/lib/db/client";
import { type TDiffItem, fieldChanges } from "./field-diff";
import type { TDatasetDiff, TDiffQuery, TVersion } from "./schemas";
import { findDataset } from "./service";
import { resolveVersion } from "./versions";

// What changed between two published versions of a dataset. A version is a set of revision
// ids, one per item, so the set logic is SQL over those ids: one full join of the two sets finds
// the revisions in one version and not the other (a revision in both is an unchanged item, and
// is never read), and only those are looked up to find their items. Joined by item, they are
// changed (both versions, other revisions), added (the later only) or removed (the earlier
// only). The counts are aggregates of that set; content is read, and compared field by field,
// for one page of it only.

interface DiffRow {
  added: number;
  removed: number;
  changed: number;
  portableId: string | null;
  fromRevision: number | null;
  toRevision: number | null;
  fromItem: TDiffItem | null;
  toItem: TDiffItem | null;
}

/** The revision ids of a version. */
const itemsOf = (version: string) => `SELECT revision_id FROM dataset_version_items WHERE project_id = $1::uuid AND version_id = ${version}::uuid`;

/** The revisions of the version in `sets.column`, with their items. */
const revisionsIn = (column: string) =>
  `SELECT r.item_id, r.id, r.revision FROM sets s JOIN dataset_item_revisions r ON r.project_id = $1::uuid AND r.id = s.${column}`;

const content = (r: string) => `CASE WHEN ${r}.id IS NULL THEN NULL ELSE jsonb_build_object(
  'input', ${r}.input, 'expectedOutput', ${r}.expected_output, 'preference', ${r}.preference, 'metadata', ${r}.metadata,
  'splits', to_jsonb(${r}.splits), 'tags', to_jsonb(${r}.tags), 'exact', ${r}.exact, 'lineage', ${r}.lineage) END`;

// One statement: the (small) set of differing items is computed once, counted, and one page of
// it read with both revisions' content. The counts come on every row, and on one row of nulls
// when the page is empty.
const DIFF = `
WITH sets AS MATERIALIZED (
       SELECT a.revision_id AS gone, b.revision_id AS came FROM (${itemsOf("$2")}) a FULL JOIN (${itemsOf("$3")}) b ON b.revision_id = a.revision_id
        WHERE a.revision_id IS NULL OR b.revision_id IS NULL),
     gone AS (${revisionsIn("gone")}),
     came AS (${revisionsIn("came")}),
     diff AS MATERIALIZED (
       SELECT coalesce(g.item_id, c.item_id) AS item_id, g.id AS from_id, g.revision AS from_revision, c.id AS to_id, c.revision AS to_revision
         FROM gone g FULL JOIN came c ON c.item_id = g.item_id),
     counts AS (
       SELECT count(*) FILTER (WHERE from_id IS NULL)::int AS added, count(*) FILTER (WHERE to_id IS NULL)::int AS removed,
              count(*) FILTER (WHERE from_id IS NOT NULL AND to_id IS NOT NULL)::int AS changed FROM diff),
     page AS (
       SELECT i.portable_id, d.* FROM diff d JOIN dataset_items i ON i.project_id = $1::uuid AND i.id = d.item_id
        WHERE $4::uuid IS NULL OR i.portable_id > $4::uuid ORDER BY i.portable_id LIMIT $5)
SELECT counts.added, counts.removed, counts.changed, p.portable_id AS "portableId", p.from_revision AS "fromRevision", p.to_revision AS "toRevision",
       ${content("f")} AS "fromItem", ${content("t")} AS "toItem"
  FROM counts LEFT JOIN page p ON true
  LEFT JOIN dataset_item_revisions f ON f.project_id = $1::uuid AND f.id = p.from_id
  LEFT JOIN dataset_item_revisions t ON t.project_id = $1::uuid AND t.id = p.to_id
 ORDER BY p.portable_id`;

const side = (version: TVersion) => ({ number: version.number, checksum: version.checksum, tags: version.tags });
const asItem = (item: TDiffItem) => ({ ...item, lineage: item.lineage as unknown as Record<string, unknown> | null });

/** The diff of two versions (by number or tag), its lists paged together by portable id. */
export async function diffVersions(
  { prisma }: Database,
  ctx: ProjectContext,
  datasetId: string,
  fromRef: number | string,
  toRef: number | string,
  { limit, cursor }: Pick<TDiffQuery, "limit" | "cursor">,
): Promise<TDatasetDiff> {
  assertCan(ctx, "datasets:read");
  await findDataset(prisma, ctx.project.id, datasetId);
  const from = await resolveVersion(prisma, ctx.project.id, datasetId, fromRef);
  const to = await resolveVersion(prisma, ctx.project.id, datasetId, toRef);
  const rows = await prisma.$queryRawUnsafe<DiffRow[]>(DIFF, ctx.project.id, from.id, to.id, cursor?.toLowerCase() ?? null, limit + 1);
  const { added, removed, changed } = rows[0];
  const listed = rows.filter((r) => r.portableId !== null);
  const page = listed.slice(0, limit);
  const answer: TDatasetDiff = {
    from: side(from),
    to: side(to),
    summary: { added, removed, changed, unchanged: from.itemCount - removed - changed },
    added: [],
    removed: [],
    changed: [],
    nextCursor: listed.length > limit ? page[page.length - 1].portableId : null,
  };
  for (const row of page) {
    const portableId = row.portableId as string;
    if (!row.fromItem) answer.added.push({ portableId, item: asItem(row.toItem as TDiffItem) });
    else if (!row.toItem) answer.removed.push({ portableId, item: asItem(row.fromItem) });
    else
      answer.changed.push({
        portableId,
        fromRevision: row.fromRevision as number,
        toRevision: row.toRevision as number,
        fields: fieldChanges(row.fromItem, row.toItem),
      });
  }
  return answer;
}
