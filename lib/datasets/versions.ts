import { escapeLiteral } from "pg";
import type pg from "pg";
import type { ProjectContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/scopes";
import { recordAudit } from "@/lib/audit/service";
import { cursorBatches, cursorBatchesIn } from "@/lib/db/batches";
import { copyRawRows, copyRows } from "@/lib/db/copy-out";
import type { Database, Tx } from "@/lib/db/client";
import { prismaTransaction } from "@/lib/db/transaction";
import { AppError, type FieldError, notFound } from "@/lib/errors";
import { ContentChecksum, type TItemContent, type TLineage, canonicalText } from "./content";
import { CONTENT_COLUMNS, type TContentRow, type TVersionRow, contentOf } from "./items";
import type { TVersion } from "./schemas";
import { findDatasetHead, lockDataset } from "./service";
import { numberProblems, valueCheck } from "./validate";

// Publishing freezes the current revisions of the unarchived items into a numbered version: a
// set of revision ids, a note, counts per split, the content checksum, and where its labels
// came from. The database refuses any later change to it (see the datasets migration).

export { contentOf } from "./items";

// A version's items are read in portable id order, the order its checksum and exports take.
// Publishing's read and the Assay JSONL export stream theirs with COPY (lib/db/copy-out.ts), so
// Postgres may scan, join and sort in parallel; the other formats and reads inside an open
// transaction use one server-side cursor (lib/db/batches.ts), a batch of rows at a time.

/**
 * The current items, for publishing: the canonical text each revision keeps, the splits and
 * lineage the version records, and the content itself only where it is needed: when the
 * dataset has schemas to check it against, or when the revision keeps no text (written
 * before revisions kept it, or redacted). Every column as text, for COPY; the dataset named on
 * both sides, so each scan keeps to its rows.
 */
const current = (projectId: string, datasetId: string, validating: boolean) => `
SELECT i.portable_id::text, r.canonical, (r.redacted_at IS NOT NULL)::text,
       CASE WHEN n.needed THEN r.input::text END, CASE WHEN n.needed THEN r.expected_output::text END,
       CASE WHEN n.needed THEN r.preference::text END, CASE WHEN n.needed THEN r.metadata::text END,
       to_json(r.splits)::text, CASE WHEN n.needed THEN to_json(r.tags)::text END, r.exact::text, r.lineage::text
  FROM dataset_items i JOIN dataset_item_revisions r ON r.project_id = i.project_id AND r.item_id = i.id AND r.is_current AND NOT r.archived
 CROSS JOIN LATERAL (SELECT r.canonical IS NULL OR ${validating ? "true" : "false"} AS needed) n
 WHERE i.project_id = ${escapeLiteral(projectId)}::uuid AND i.dataset_id = ${escapeLiteral(datasetId)}::uuid
   AND r.dataset_id = ${escapeLiteral(datasetId)}::uuid
 ORDER BY i.portable_id`;

const json = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

/** An item's content from COPY's text fields: input, expected output, preference, metadata, splits, tags, exact, lineage. */
function contentFromText(portableId: string, [input, expectedOutput, preference, metadata, splits, tags, exact, lineage]: (string | null)[]): TContentRow {
  return {
    portableId,
    input: json(input),
    expectedOutput: json(expectedOutput),
    preference: json(preference) as TContentRow["preference"],
    metadata: json(metadata) as TContentRow["metadata"],
    splits: json(splits) as string[],
    tags: json(tags) as string[],
    exact: exact === "true",
    lineage: json(lineage) as TContentRow["lineage"],
  };
}

/** Reads a row of `current`. */
const publishRow = ([portableId, canonical, redacted, ...content]: (string | null)[]): TPublishRow => ({
  ...contentFromText(portableId as string, content),
  canonical,
  redacted: redacted === "true",
});

/** A row of `current`: the content columns are null unless the content was needed. */
interface TPublishRow extends TVersionRow {
  canonical: string | null;
}

/**
 * A published version's items: all, one split's, or (`unsplit`) those in none. Naming the
 * dataset lets the read walk its items' portable id index in order instead of sorting the
 * whole version first.
 */
const versionItems = (columns: string) => `
SELECT ${columns} FROM dataset_version_items vi
  JOIN dataset_item_revisions r ON r.project_id = vi.project_id AND r.id = vi.revision_id
  JOIN dataset_items i ON i.project_id = r.project_id AND i.id = r.item_id
 WHERE vi.project_id = $1::uuid AND vi.version_id = $2::uuid AND ($3::text IS NULL OR $3::text = ANY(r.splits)) AND (NOT $4 OR cardinality(r.splits) = 0)
   AND i.dataset_id = (SELECT v.dataset_id FROM dataset_versions v WHERE v.project_id = $1::uuid AND v.id = $2::uuid)
 ORDER BY i.portable_id`;

const VERSION_ITEMS = versionItems(CONTENT_COLUMNS);

/**
 * The canonical text of each item, and its content where the revision keeps no text (older or
 * redacted revisions), every column as text, for COPY: all items, or one split's. Naming the
 * dataset keeps every scan to its rows (the read is planned without probes per row, see
 * lib/db/copy-out.ts), so a small version in a large project reads only its own.
 */
const versionLines = (projectId: string, datasetId: string, versionId: string, split: string | null) => `
SELECT i.portable_id::text, r.canonical,
       CASE WHEN r.canonical IS NULL THEN r.input::text END, CASE WHEN r.canonical IS NULL THEN r.expected_output::text END,
       CASE WHEN r.canonical IS NULL THEN r.preference::text END, CASE WHEN r.canonical IS NULL THEN r.metadata::text END,
       CASE WHEN r.canonical IS NULL THEN to_json(r.splits)::text END, CASE WHEN r.canonical IS NULL THEN to_json(r.tags)::text END,
       r.exact::text, CASE WHEN r.canonical IS NULL THEN r.lineage::text END
  FROM dataset_version_items vi
  JOIN dataset_item_revisions r ON r.project_id = vi.project_id AND r.id = vi.revision_id
  JOIN dataset_items i ON i.project_id = r.project_id AND i.id = r.item_id
 WHERE vi.project_id = ${escapeLiteral(projectId)}::uuid AND vi.version_id = ${escapeLiteral(versionId)}::uuid
   AND r.dataset_id = ${escapeLiteral(datasetId)}::uuid AND i.dataset_id = ${escapeLiteral(datasetId)}::uuid
   ${split === null ? "" : `AND ${escapeLiteral(split)} = ANY(r.splits)`}
 ORDER BY i.portable_id`;

/** A version's items in batches inside an open transaction (recomputing a checksum after an erasure). */
export function versionPages(db: Tx, projectId: string, versionId: string, split: string | null, unsplit = false): AsyncGenerator<TVersionRow[]> {
  return cursorBatchesIn<TVersionRow>(db, VERSION_ITEMS, [projectId, versionId, split, unsplit]);
}

/**
 * The same through pg on a connection of its own, for exports: a million rows of JSON cost
 * several times more through Prisma's raw queries, which convert every value, than through
 * pg's JSON.parse.
 */
export function versionPagesSql(sql: pg.Pool, projectId: string, versionId: string, split: string | null, unsplit = false): AsyncGenerator<TVersionRow[]> {
  return cursorBatches<TVersionRow>(sql, VERSION_ITEMS, [projectId, versionId, split, unsplit]);
}

/**
 * A version's items as their canonical texts in UTF-8, in batches: each item's line of an Assay
 * JSONL export. A kept text is the database's bytes as they are, never decoded; an item without
 * one is encoded from its content.
 */
export async function* versionCanonicalPagesSql(
  sql: pg.Pool,
  projectId: string,
  version: { id: string; datasetId: string },
  split: string | null,
): AsyncGenerator<Buffer[]> {
  const text = (field: Buffer | null) => (field === null ? null : field.toString("utf8"));
  for await (const rows of copyRawRows(sql, versionLines(projectId, version.datasetId, version.id, split)))
    yield rows.map(
      ([portableId, canonical, ...content]) =>
        canonical ?? Buffer.from(canonicalText(contentOf(contentFromText(text(portableId) as string, content.map(text)))), "utf8"),
    );
}

const MAX_LISTED_FAILURES = 50;

interface VersionRow {
  id: string;
  number: number;
  note: string;
  checksum: string;
  itemCount: number;
  splitCounts: Record<string, number>;
  sources: Record<string, unknown>;
  tags: string[] | null;
  redactedAt: Date | null;
  redaction: string | null;
  createdAt: Date;
}

const VERSION_SELECT = `
SELECT v.id, v.number, v.note, v.checksum, v.item_count AS "itemCount", v.split_counts AS "splitCounts", v.sources,
       (SELECT array_agg(t.tag ORDER BY t.tag) FROM dataset_version_tags t WHERE t.project_id = v.project_id AND t.version_id = v.id) AS tags,
       v.redacted_at AS "redactedAt", v.redaction, v.created_at AS "createdAt"
  FROM dataset_versions v WHERE v.project_id = $1::uuid AND v.dataset_id = $2::uuid`;

const toVersion = (row: VersionRow): TVersion => ({
  id: row.id,
  number: row.number,
  note: row.note,
  checksum: row.checksum,
  itemCount: row.itemCount,
  splitCounts: row.splitCounts,
  sources: row.sources,
  tags: row.tags ?? [],
  redacted: row.redactedAt !== null,
  redaction: row.redaction,
  createdAt: row.createdAt.toISOString(),
});

/** What a version's labels came from: rubric versions, queues and how many items were adjudicated. */
function addSources(sources: { rubricVersions: Set<string>; queues: Set<string>; raters: Set<string>; adjudicated: number }, lineage: TLineage | null) {
  if (!lineage) return;
  if (lineage.queueId) sources.queues.add(lineage.queueId);
  for (const label of lineage.labels) {
    if (label.rubricVersionId) sources.rubricVersions.add(label.rubricVersionId);
    for (const rater of label.raters) sources.raters.add(rater);
  }
  if (lineage.labels.some((l) => l.adjudicated)) sources.adjudicated++;
}

/**
 * Fresh planner statistics for version items when a version just frozen is large against what
 * the planner knew of them. Without them the first export of a million-item version planned
 * for a few rows and sorted the whole version on disk, instead of walking the items' portable
 * id index. Autovacuum catches up within a minute or so, but an export often follows at once.
 */
async function refreshVersionStatistics(sql: pg.Pool, items: number): Promise<void> {
  const { rows } = await sql.query<{ known: number }>(
    `SELECT greatest(reltuples, 0)::float8 AS known FROM pg_class WHERE oid = 'dataset_version_items'::regclass`,
  );
  if (items >= 1_000 && items > 0.1 * rows[0].known) await sql.query("ANALYZE dataset_version_items");
}

/** The numbers of an item that no canonical JSON can write, wherever in its content they are. */
const unwritableNumbers = (content: TItemContent) =>
  (["input", "expectedOutput", "preference", "metadata", "lineage"] as const).flatMap((field) => numberProblems(content[field], field));

/**
 * Adds an item to the checksum, or answers false when it cannot be canonicalized (a number
 * beyond a double, which jsonb keeps): the content is walked only then, so publishing a million
 * good items costs nothing more.
 */
function addChecked(checksum: ContentChecksum, content: TItemContent): boolean {
  try {
    checksum.add(content);
    return true;
  } catch (error) {
    if (unwritableNumbers(content).length) return false;
    throw error;
  }
}

export async function publishVersion(db: Database, ctx: ProjectContext, datasetId: string, note: string): Promise<TVersion> {
  const version = await freeze(db, ctx, datasetId, note);
  await refreshVersionStatistics(db.sql, version.itemCount);
  return version;
}

interface TChecked {
  checksum: string;
  count: number;
  splitCounts: Record<string, number>;
  sources: { rubricVersions: string[]; queues: string[]; raters: number; adjudicatedItems: number };
  failed: number;
  failures: FieldError[];
}

/**
 * Reads the dataset's current items in portable id order and makes what a version records of
 * them: the checksum, counts per split, where their labels came from, and the items that cannot
 * be published (schema failures, numbers beyond a double). Through pg, outside the publishing
 * transaction but under its lock: every change to the items waits for the lock, so the rows read
 * are the rows frozen (and counted to be sure).
 */
async function checkItems(sql: pg.Pool, projectId: string, dataset: { id: string; inputSchema: unknown; expectedSchema: unknown }): Promise<TChecked> {
  const checkInput = valueCheck(dataset.inputSchema);
  const checkExpected = valueCheck(dataset.expectedSchema);
  // Most datasets declare no schema: then there is nothing to check an item against.
  const validating = dataset.inputSchema !== null || dataset.expectedSchema !== null;
  const checksum = new ContentChecksum();
  const splitCounts: Record<string, number> = {};
  const sources = { rubricVersions: new Set<string>(), queues: new Set<string>(), raters: new Set<string>(), adjudicated: 0 };
  const failures: FieldError[] = [];
  let failed = 0;
  let count = 0;
  for await (const rows of copyRows(sql, current(projectId, dataset.id, validating))) {
    for (const row of rows.map(publishRow)) {
      const content = row.canonical === null || validating ? contentOf(row) : null;
      // Redacted content is a notice, not data: the schemas do not apply to it.
      const problems = content && validating && !row.redacted ? checkInput(content.input, "input") : [];
      if (content && validating && !row.redacted)
        for (const value of [content.expectedOutput, content.preference?.preferred, content.preference?.rejected])
          if (value !== null && value !== undefined) problems.push(...checkExpected(value, "expectedOutput"));
      if (row.canonical !== null) checksum.addText(row.portableId, row.canonical);
      else if (content && !addChecked(checksum, content)) problems.push(...unwritableNumbers(content));
      if (problems.length) {
        failed++;
        if (failures.length < MAX_LISTED_FAILURES) failures.push(...problems.map((p) => ({ path: `items.${row.portableId}.${p.path}`, message: p.message })));
      }
      for (const split of new Set(row.splits)) splitCounts[split] = (splitCounts[split] ?? 0) + 1;
      addSources(sources, row.lineage);
      count++;
    }
  }
  return {
    checksum: checksum.digest(),
    count,
    splitCounts,
    sources: {
      rubricVersions: [...sources.rubricVersions].sort(),
      queues: [...sources.queues].sort(),
      raters: sources.raters.size,
      adjudicatedItems: sources.adjudicated,
    },
    failed,
    failures,
  };
}

async function freeze({ prisma, sql }: Database, ctx: ProjectContext, datasetId: string, note: string): Promise<TVersion> {
  assertCan(ctx, "datasets:write");
  return prismaTransaction(
    prisma,
    async (tx) => {
      const dataset = await lockDataset(tx, ctx, datasetId);
      // The version first, its checksum and counts written last: the database freezes the items
      // while this process reads and hashes them, each on a connection of its own.
      const [version] = await tx.$queryRawUnsafe<{ id: string; number: number }[]>(
        `INSERT INTO dataset_versions (project_id, dataset_id, number, note, checksum, item_count, split_counts, author_user_id, author_api_key_id)
         SELECT $1::uuid, $2::uuid, coalesce(max(number), 0) + 1, $3, '', 0, '{}'::jsonb, $4::uuid, $5::uuid
           FROM dataset_versions WHERE project_id = $1::uuid AND dataset_id = $2::uuid
         RETURNING id, number`,
        ctx.project.id,
        datasetId,
        note,
        ctx.actor.kind === "user" ? ctx.actor.userId : null,
        ctx.actor.kind === "apiKey" ? ctx.actor.apiKeyId : null,
      );
      // The same rows the checksum is made from: adds and revisions wait for the dataset's lock.
      // In revision id order, the version's index entries are written in their order (a
      // million items: 11 s instead of 19 s).
      const [frozen, checked] = await Promise.allSettled([
        tx.$executeRawUnsafe(
          `INSERT INTO dataset_version_items (project_id, version_id, revision_id)
           SELECT $1::uuid, $2::uuid, r.id FROM dataset_item_revisions r
            WHERE r.project_id = $1::uuid AND r.dataset_id = $3::uuid AND r.is_current AND NOT r.archived
            ORDER BY r.id`,
          ctx.project.id,
          version.id,
          datasetId,
        ),
        checkItems(sql, ctx.project.id, dataset),
      ]);
      if (checked.status === "rejected") throw checked.reason;
      if (frozen.status === "rejected") throw frozen.reason;
      const { checksum, count, splitCounts, sources, failed, failures } = checked.value;
      if (failed)
        throw new AppError(
          "validation_failed",
          `${failed} item${failed === 1 ? "" : "s"} cannot be published: they do not match the dataset's schemas or hold numbers beyond a double`,
          failures,
        );
      if (!count) throw new AppError("conflict", "The dataset has no items to publish");
      if (frozen.value !== count) throw new Error(`Publishing froze ${frozen.value} items but checked ${count}`);
      await tx.$executeRawUnsafe(
        `UPDATE dataset_versions SET checksum = $3, item_count = $4, split_counts = $5::jsonb, sources = $6::jsonb WHERE project_id = $1::uuid AND id = $2::uuid`,
        ctx.project.id,
        version.id,
        checksum,
        count,
        JSON.stringify(splitCounts),
        JSON.stringify(sources),
      );
      await recordAudit(tx, ctx.actor, {
        projectId: ctx.project.id,
        action: "dataset.publish",
        targetType: "dataset",
        targetId: datasetId,
        details: { version: version.number, checksum, items: count },
      });
      const [row] = await tx.$queryRawUnsafe<VersionRow[]>(`${VERSION_SELECT} AND v.id = $3::uuid`, ctx.project.id, datasetId, version.id);
      return toVersion(row);
    },
    { timeout: 600_000 },
  );
}

export async function listVersions({ prisma }: Database, ctx: ProjectContext, datasetId: string): Promise<{ versions: TVersion[] }> {
  assertCan(ctx, "datasets:read");
  await findDatasetHead(prisma, ctx.project.id, datasetId);
  const rows = await prisma.$queryRawUnsafe<VersionRow[]>(`${VERSION_SELECT} ORDER BY v.number DESC`, ctx.project.id, datasetId);
  return { versions: rows.map(toVersion) };
}

/** A version by number or tag. */
export async function resolveVersion(db: Tx, projectId: string, datasetId: string, ref: number | string): Promise<TVersion> {
  const rows =
    typeof ref === "number"
      ? await db.$queryRawUnsafe<VersionRow[]>(`${VERSION_SELECT} AND v.number = $3`, projectId, datasetId, ref)
      : await db.$queryRawUnsafe<VersionRow[]>(
          `${VERSION_SELECT} AND v.id = (SELECT version_id FROM dataset_version_tags WHERE project_id = $1::uuid AND dataset_id = $2::uuid AND tag = $3)`,
          projectId,
          datasetId,
          ref,
        );
  if (!rows[0]) throw notFound(typeof ref === "number" ? `Version ${ref}` : `Version tagged ${ref}`);
  return toVersion(rows[0]);
}

/** Points a tag (prod, candidate, …) at a version; audited with where it pointed before. */
export async function moveTag({ prisma }: Database, ctx: ProjectContext, datasetId: string, tag: string, versionNumber: number): Promise<TVersion> {
  assertCan(ctx, "datasets:write");
  if (!/^[A-Za-z][A-Za-z0-9_.-]{0,49}$/.test(tag))
    throw new AppError("validation_failed", "A tag starts with a letter: letters, digits and _ . - (not a number)");
  return prismaTransaction(prisma, async (tx) => {
    await findDatasetHead(tx, ctx.project.id, datasetId);
    const version = await resolveVersion(tx, ctx.project.id, datasetId, versionNumber);
    const before = await tx.$queryRawUnsafe<{ number: number }[]>(
      `SELECT v.number FROM dataset_version_tags t JOIN dataset_versions v ON v.project_id = t.project_id AND v.id = t.version_id
        WHERE t.project_id = $1::uuid AND t.dataset_id = $2::uuid AND t.tag = $3 FOR UPDATE OF t`,
      ctx.project.id,
      datasetId,
      tag,
    );
    await tx.$executeRawUnsafe(
      `INSERT INTO dataset_version_tags (project_id, dataset_id, tag, version_id) VALUES ($1::uuid, $2::uuid, $3, $4::uuid)
       ON CONFLICT (project_id, dataset_id, tag) DO UPDATE SET version_id = EXCLUDED.version_id, moved_at = now()`,
      ctx.project.id,
      datasetId,
      tag,
      version.id,
    );
    await recordAudit(tx, ctx.actor, {
      projectId: ctx.project.id,
      action: "dataset.tag",
      targetType: "dataset",
      targetId: datasetId,
      details: { tag, from: before[0]?.number ?? null, to: version.number },
    });
    return resolveVersion(tx, ctx.project.id, datasetId, version.number);
  });
}
