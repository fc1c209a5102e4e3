import type { ProjectContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/scopes";
import type { Database } from "@/lib/db/client";
import { type TDiffItem, fieldChanges } from "./field-diff";
import type { TDatasetDiff, TDiffQuery, TVersion } from "./schemas";
import { findDataset } from "./service";
import { resolveVersion } from "./versions";

// What changed between two published versions of a dataset. A version is a set of revision
// ids, one per item, so the set logic is SQL over those ids: a revision in both versions is an
// unchanged item, and only the revisions in one version and not the other are looked up to find
// their items. Those few are joined by item: in both versions is changed (another revision), in
// the later only is added, in the earlier only removed. The counts are aggregates of that set;
// content is read, and compared field by field, for one page of it only.

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

/** The revisions of version `$side` whose item has another revision, or none, in version `$other`. */
const onlyIn = (side: string, other: string) => `
SELECT r.item_id, r.id, r.revision FROM dataset_version_items vi
  JOIN dataset_item_revisions r ON r.project_id = vi.project_id AND r.id = vi.revision_id
 WHERE vi.project_id = $1::uuid AND vi.version_id = ${side}::uuid
   AND NOT EXISTS (SELECT 1 FROM dataset_version_items o WHERE o.project_id = $1::uuid AND o.version_id = ${other}::uuid AND o.revision_id = vi.revision_id)`;

const content = (r: string) => `CASE WHEN ${r}.id IS NULL THEN NULL ELSE jsonb_build_object(
  'input', ${r}.input, 'expectedOutput', ${r}.expected_output, 'preference', ${r}.preference, 'metadata', ${r}.metadata,
  'splits', to_jsonb(${r}.splits), 'tags', to_jsonb(${r}.tags), 'exact', ${r}.exact, 'lineage', ${r}.lineage) END`;

// One statement: the (small) set of differing items is computed once, counted, and one page of
// it read with both revisions' content. The counts come on every row, and on one row of nulls
// when the page is empty.
const DIFF = `
WITH gone AS (${onlyIn("$2", "$3")}),
     came AS (${onlyIn("$3", "$2")}),
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
