import type { ProjectContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/scopes";
import { BoundedMap } from "@/lib/bounded-map";
import type { Database } from "@/lib/db/client";
import { type TDiffItem, fieldChanges } from "./field-diff";
import type { TDatasetDiff, TDiffQuery, TVersion } from "./schemas";
import { findDatasetHead } from "./service";
import { resolveVersion } from "./versions";

// What changed between two published versions of a dataset. A version is a set of revision
// ids, one per item: an item is changed when both versions hold it under other revisions,
// added when only the later holds it, removed when only the earlier does.
//
// The difference is computed once per pair of versions, not once per page: one full join of
// the two sets of revision ids (a revision in both is an unchanged item and is never read),
// only the differing revisions looked up to find their items, sorted by portable id. That list
// (ids and revision numbers, no content) is kept, since a published version's set of revisions
// never changes (erasure redacts a revision in place, and a deleted version's id is never given
// again); a page is a slice of it, and only the page's revisions are read for their content.
// A difference too long to keep (over MAX_LISTED items) is counted once and kept as counts;
// its pages then walk the dataset's items in portable id order from the cursor, looking up which
// revision each version holds of each item, and stop at the page's last difference.

interface Counts {
  added: number;
  removed: number;
  changed: number;
}

interface PageRow {
  portableId: string;
  fromId: string | null;
  fromRevision: number | null;
  toId: string | null;
  toRevision: number | null;
}

/** The revision ids of a version. */
const itemsOf = (version: string) => `SELECT revision_id FROM dataset_version_items WHERE project_id = $1::uuid AND version_id = ${version}::uuid`;

/** The revisions of the version in `sets.column`, with their items. */
const revisionsIn = (column: string) =>
  `SELECT r.item_id, r.id, r.revision FROM sets s JOIN dataset_item_revisions r ON r.project_id = $1::uuid AND r.id = s.${column}`;

const DIFFERENCE = `
WITH sets AS MATERIALIZED (
       SELECT a.revision_id AS gone, b.revision_id AS came FROM (${itemsOf("$2")}) a FULL JOIN (${itemsOf("$3")}) b ON b.revision_id = a.revision_id
        WHERE a.revision_id IS NULL OR b.revision_id IS NULL),
     gone AS (${revisionsIn("gone")}),
     came AS (${revisionsIn("came")}),
     diff AS MATERIALIZED (
       SELECT coalesce(g.item_id, c.item_id) AS item_id, g.id AS from_id, g.revision AS from_revision, c.id AS to_id, c.revision AS to_revision
         FROM gone g FULL JOIN came c ON c.item_id = g.item_id)`;

/** The whole difference by portable id, up to `$4` rows. */
const LIST = `${DIFFERENCE}
SELECT i.portable_id AS "portableId", d.from_id AS "fromId", d.from_revision AS "fromRevision", d.to_id AS "toId", d.to_revision AS "toRevision"
  FROM diff d JOIN dataset_items i ON i.project_id = $1::uuid AND i.id = d.item_id
 ORDER BY i.portable_id LIMIT $4`;

const COUNTS = `${DIFFERENCE}
SELECT count(*) FILTER (WHERE from_id IS NULL)::int AS added, count(*) FILTER (WHERE to_id IS NULL)::int AS removed,
       count(*) FILTER (WHERE from_id IS NOT NULL AND to_id IS NOT NULL)::int AS changed FROM diff`;

/** The revision of item `i` that version `version` holds, if any. */
const heldBy = (version: string) => `LEFT JOIN LATERAL (
  SELECT r.id, r.revision FROM dataset_item_revisions r
   WHERE r.project_id = $1::uuid AND r.item_id = i.id
     AND EXISTS (SELECT 1 FROM dataset_version_items vi WHERE vi.project_id = $1::uuid AND vi.version_id = ${version}::uuid AND vi.revision_id = r.id))`;

// One page: the dataset's items after the cursor, in portable id order, that the two versions
// hold under different revisions (or one only).
const PAGE = `
SELECT i.portable_id AS "portableId", f.id AS "fromId", f.revision AS "fromRevision", t.id AS "toId", t.revision AS "toRevision"
  FROM dataset_items i
  ${heldBy("$2")} f ON true
  ${heldBy("$3")} t ON true
 WHERE i.project_id = $1::uuid AND i.dataset_id = $4::uuid AND ($5::uuid IS NULL OR i.portable_id > $5::uuid)
   AND f.id IS DISTINCT FROM t.id
 ORDER BY i.portable_id LIMIT $6`;

// Then the content of the page's revisions, by primary key. Apart from the page: joined in the
// same statement, the planner (which cannot tell how many items differ, and expects one)
// scanned the whole revisions table for each row of the page.
const CONTENT = `
SELECT r.id, jsonb_build_object(
  'input', r.input, 'expectedOutput', r.expected_output, 'preference', r.preference, 'metadata', r.metadata,
  'splits', to_jsonb(r.splits), 'tags', to_jsonb(r.tags), 'exact', r.exact, 'lineage', r.lineage) AS item
  FROM dataset_item_revisions r WHERE r.project_id = $1::uuid AND r.id = ANY($2::uuid[])`;

interface Difference {
  counts: Counts;
  /** The differing items by portable id; null when there were too many to keep. */
  rows: PageRow[] | null;
}

/** Differences asked for lately, by project and version ids. */
const KNOWN = new BoundedMap<string, Difference>(8);
/** About 20,000 differences between two versions of a million items: a few megabytes. */
const MAX_LISTED = 50_000;

async function difference({ prisma }: Database, projectId: string, from: TVersion, to: TVersion, maxListed: number): Promise<Difference> {
  const key = `${projectId}/${from.id}/${to.id}/${maxListed}`;
  const known = KNOWN.get(key);
  if (known) return known;
  const listed = await prisma.$queryRawUnsafe<PageRow[]>(LIST, projectId, from.id, to.id, maxListed + 1);
  const rows = listed.length > maxListed ? null : listed;
  const counts = rows
    ? {
        added: rows.filter((r) => r.fromId === null).length,
        removed: rows.filter((r) => r.toId === null).length,
        changed: rows.filter((r) => r.fromId !== null && r.toId !== null).length,
      }
    : (await prisma.$queryRawUnsafe<Counts[]>(COUNTS, projectId, from.id, to.id))[0];
  const found = { counts, rows };
  KNOWN.set(key, found);
  return found;
}

/** The rows of a kept difference after `cursor`, up to `count`. */
function sliceAfter(rows: PageRow[], cursor: string | null, count: number): PageRow[] {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (cursor !== null && rows[mid].portableId <= cursor) low = mid + 1;
    else high = mid;
  }
  return rows.slice(low, low + count);
}

const side = (version: TVersion) => ({ number: version.number, checksum: version.checksum, tags: version.tags });
const asItem = (item: TDiffItem) => ({ ...item, lineage: item.lineage as unknown as Record<string, unknown> | null });

export interface TDiffOptions {
  /** The most differences kept as a list (MAX_LISTED); past it pages walk the items. Tests lower it to reach that walk with a few items. */
  maxListed?: number;
}

/** The diff of two versions (by number or tag), its lists paged together by portable id. */
export async function diffVersions(
  db: Database,
  ctx: ProjectContext,
  datasetId: string,
  fromRef: number | string,
  toRef: number | string,
  { limit, cursor }: Pick<TDiffQuery, "limit" | "cursor">,
  { maxListed = MAX_LISTED }: TDiffOptions = {},
): Promise<TDatasetDiff> {
  assertCan(ctx, "datasets:read");
  const { prisma } = db;
  await findDatasetHead(prisma, ctx.project.id, datasetId);
  const from = await resolveVersion(prisma, ctx.project.id, datasetId, fromRef);
  const to = await resolveVersion(prisma, ctx.project.id, datasetId, toRef);
  const known = await difference(db, ctx.project.id, from, to, maxListed);
  const { added, removed, changed } = known.counts;
  const after = cursor?.toLowerCase() ?? null;
  const listed = known.rows
    ? sliceAfter(known.rows, after, limit + 1)
    : await prisma.$queryRawUnsafe<PageRow[]>(PAGE, ctx.project.id, from.id, to.id, datasetId, after, limit + 1);
  const page = listed.slice(0, limit);
  const ids = page.flatMap((row) => [row.fromId, row.toId]).filter((id): id is string => id !== null);
  const revisions = await prisma.$queryRawUnsafe<{ id: string; item: TDiffItem }[]>(CONTENT, ctx.project.id, ids);
  const items = new Map(revisions.map((r) => [r.id, r.item]));
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
    const fromItem = row.fromId ? items.get(row.fromId) : undefined;
    const toItem = row.toId ? items.get(row.toId) : undefined;
    if (!fromItem) answer.added.push({ portableId, item: asItem(toItem as TDiffItem) });
    else if (!toItem) answer.removed.push({ portableId, item: asItem(fromItem) });
    else
      answer.changed.push({
        portableId,
        fromRevision: row.fromRevision as number,
        toRevision: row.toRevision as number,
        fields: fieldChanges(fromItem, toItem),
      });
  }
  return answer;
}
