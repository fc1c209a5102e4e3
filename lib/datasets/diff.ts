import type { ProjectContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/scopes";
import type { Database } from "@/lib/db/client";
import { type TDiffItem, fieldChanges } from "./field-diff";
import type { TDatasetDiff, TDiffQuery, TVersion } from "./schemas";
import { findDataset } from "./service";
import { resolveVersion } from "./versions";

// What changed between two published versions of a dataset. A version is a set of revision
// ids, one per item: an item is changed when both versions hold it under other revisions,
// added when only the later holds it, removed when only the earlier does. Two readings of
// that, each done once:
//
// - A page walks the dataset's items in portable id order from the cursor, looks up which
//   revision each version holds of each item (index probes), and stops at the page's last
//   differing item: a page reads only its window of both versions, so the pages of a whole
//   diff read each version once between them, where computing the whole difference for each
//   page read both versions entirely for every page.
// - The counts need the whole difference: one full join of the two sets of revision ids (a
//   revision in both is an unchanged item and is never read), made once per pair of versions
//   and kept, since a published version's set of revisions never changes (erasure redacts a
//   revision in place, and a deleted version's id is never given again).

interface Counts {
  added: number;
  removed: number;
  changed: number;
}

interface PageRow {
  portableId: string;
  fromRevision: number | null;
  toRevision: number | null;
  fromItem: TDiffItem | null;
  toItem: TDiffItem | null;
}

/** The revision ids of a version. */
const itemsOf = (version: string) => `SELECT revision_id FROM dataset_version_items WHERE project_id = $1::uuid AND version_id = ${version}::uuid`;

/** The revisions of the version in `sets.column`, with their items. */
const revisionsIn = (column: string) => `SELECT r.item_id, r.id FROM sets s JOIN dataset_item_revisions r ON r.project_id = $1::uuid AND r.id = s.${column}`;

const COUNTS = `
WITH sets AS MATERIALIZED (
       SELECT a.revision_id AS gone, b.revision_id AS came FROM (${itemsOf("$2")}) a FULL JOIN (${itemsOf("$3")}) b ON b.revision_id = a.revision_id
        WHERE a.revision_id IS NULL OR b.revision_id IS NULL),
     gone AS (${revisionsIn("gone")}),
     came AS (${revisionsIn("came")}),
     diff AS (SELECT g.id AS from_id, c.id AS to_id FROM gone g FULL JOIN came c ON c.item_id = g.item_id)
SELECT count(*) FILTER (WHERE from_id IS NULL)::int AS added, count(*) FILTER (WHERE to_id IS NULL)::int AS removed,
       count(*) FILTER (WHERE from_id IS NOT NULL AND to_id IS NOT NULL)::int AS changed FROM diff`;

/** The revision of item `i` that version `version` holds, if any. */
const heldBy = (version: string) => `LEFT JOIN LATERAL (
  SELECT r.id, r.revision FROM dataset_item_revisions r
   WHERE r.project_id = $1::uuid AND r.item_id = i.id
     AND EXISTS (SELECT 1 FROM dataset_version_items vi WHERE vi.project_id = $1::uuid AND vi.version_id = ${version}::uuid AND vi.revision_id = r.id))`;

const content = (r: string) => `CASE WHEN ${r}.id IS NULL THEN NULL ELSE jsonb_build_object(
  'input', ${r}.input, 'expectedOutput', ${r}.expected_output, 'preference', ${r}.preference, 'metadata', ${r}.metadata,
  'splits', to_jsonb(${r}.splits), 'tags', to_jsonb(${r}.tags), 'exact', ${r}.exact, 'lineage', ${r}.lineage) END`;

/**
 * A page row's revision by its primary key. Lateral, because the planner expects a page of one
 * row (it cannot tell how many items differ) and, joining plainly, scanned the whole revisions
 * table for each row of the page.
 */
const revision = (alias: string, column: string) =>
  `LEFT JOIN LATERAL (SELECT r.* FROM dataset_item_revisions r WHERE r.project_id = $1::uuid AND r.id = p.${column}) ${alias} ON true`;

// One page: the dataset's items after the cursor, in portable id order, that the two versions
// hold under different revisions (or one only), then both revisions' content for those.
const PAGE = `
WITH page AS (
  SELECT i.portable_id, f.id AS from_id, f.revision AS from_revision, t.id AS to_id, t.revision AS to_revision
    FROM dataset_items i
    ${heldBy("$2")} f ON true
    ${heldBy("$3")} t ON true
   WHERE i.project_id = $1::uuid AND i.dataset_id = $4::uuid AND ($5::uuid IS NULL OR i.portable_id > $5::uuid)
     AND f.id IS DISTINCT FROM t.id
   ORDER BY i.portable_id LIMIT $6)
SELECT p.portable_id AS "portableId", p.from_revision AS "fromRevision", p.to_revision AS "toRevision",
       ${content("f")} AS "fromItem", ${content("t")} AS "toItem"
  FROM page p
  ${revision("f", "from_id")}
  ${revision("t", "to_id")}
 ORDER BY p.portable_id`;

/** Counts of diffs asked for lately, by project and version ids. A few integers each. */
const COUNTED = new Map<string, Counts>();
const MAX_COUNTED = 1_000;

async function counts({ prisma }: Database, projectId: string, from: TVersion, to: TVersion): Promise<Counts> {
  const key = `${projectId}/${from.id}/${to.id}`;
  const known = COUNTED.get(key);
  if (known) return known;
  const [row] = await prisma.$queryRawUnsafe<Counts[]>(COUNTS, projectId, from.id, to.id);
  if (COUNTED.size >= MAX_COUNTED) COUNTED.delete(COUNTED.keys().next().value as string);
  COUNTED.set(key, row);
  return row;
}

const side = (version: TVersion) => ({ number: version.number, checksum: version.checksum, tags: version.tags });
const asItem = (item: TDiffItem) => ({ ...item, lineage: item.lineage as unknown as Record<string, unknown> | null });

/** The diff of two versions (by number or tag), its lists paged together by portable id. */
export async function diffVersions(
  db: Database,
  ctx: ProjectContext,
  datasetId: string,
  fromRef: number | string,
  toRef: number | string,
  { limit, cursor }: Pick<TDiffQuery, "limit" | "cursor">,
): Promise<TDatasetDiff> {
  assertCan(ctx, "datasets:read");
  const { prisma } = db;
  await findDataset(prisma, ctx.project.id, datasetId);
  const from = await resolveVersion(prisma, ctx.project.id, datasetId, fromRef);
  const to = await resolveVersion(prisma, ctx.project.id, datasetId, toRef);
  const { added, removed, changed } = await counts(db, ctx.project.id, from, to);
  const listed = await prisma.$queryRawUnsafe<PageRow[]>(PAGE, ctx.project.id, from.id, to.id, datasetId, cursor?.toLowerCase() ?? null, limit + 1);
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
    const portableId = row.portableId;
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
