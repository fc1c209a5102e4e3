import { randomUUID } from "node:crypto";
import type { ProjectContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/scopes";
import { recordAudit } from "@/lib/audit/service";
import type { Database, Tx } from "@/lib/db/client";
import { prismaTransaction } from "@/lib/db/transaction";
import { AppError, type FieldError, notFound } from "@/lib/errors";
import canonicalize from "canonicalize";
import { type TItemContent, type TLineage, canonicalItem, canonicalText } from "./content";
import { inputHash } from "./duplicates";
import { type TItem, type TItemRevise, type TItemResult, type TItemsAdd, ZItemAdd } from "./schemas";
import { type TDatasetHead, findDatasetHead, lockDataset } from "./service";
import { type TValueCheck, numberProblems, valueCheck } from "./validate";

// Items: added in batches (each item checked on its own, valid ones written together), changed
// only by appending a revision, read as their current revisions.

export interface TItemRow {
  id: string;
  portableId: string;
  revision: number;
  revisionId: string;
  input: unknown;
  expectedOutput: unknown;
  preference: { preferred: unknown; rejected: unknown } | null;
  metadata: Record<string, unknown>;
  splits: string[];
  tags: string[];
  exact: boolean;
  lineage: TLineage | null;
  archived: boolean;
  redactedAt: Date | null;
  createdAt: Date;
}

/** The columns of a revision `r`, as TItemRow without the item's ids. */
const REVISION_COLUMNS = `r.revision, r.id AS "revisionId", r.input, r.expected_output AS "expectedOutput",
  r.preference, r.metadata, r.splits, r.tags, r.exact, r.lineage, r.archived, r.redacted_at AS "redactedAt", r.created_at AS "createdAt"`;

/** The columns of a revision joined with its item, as TItemRow. */
export const ITEM_COLUMNS = `i.id, i.portable_id AS "portableId", ${REVISION_COLUMNS}`;

/**
 * Only what content is made from, for reads of a whole version: a million rows read fewer
 * columns, and no timestamps to parse into dates.
 */
export const CONTENT_COLUMNS = `i.portable_id AS "portableId", r.input, r.expected_output AS "expectedOutput", r.preference, r.metadata, r.splits, r.tags,
  r.exact, r.lineage, r.redacted_at IS NOT NULL AS "redacted"`;

export type TContentRow = Pick<TItemRow, "portableId" | "input" | "expectedOutput" | "preference" | "metadata" | "splits" | "tags" | "exact" | "lineage">;

/** A row of CONTENT_COLUMNS. */
export interface TVersionRow extends TContentRow {
  redacted: boolean;
}

/** What a revision holds as item content: what checksums and exports are made from. */
export function contentOf(row: TContentRow): TItemContent {
  return {
    portableId: row.portableId,
    input: row.input,
    expectedOutput: row.expectedOutput ?? null,
    preference: row.preference,
    metadata: row.metadata,
    splits: row.splits,
    tags: row.tags,
    exact: row.exact,
    lineage: row.lineage,
  };
}

/**
 * The canonical text a new revision keeps: of its content as the database gives it back (an
 * absent expected output, preference or lineage reads as null). Null when the content has a
 * number no canonical JSON writes; writes refuse those first, so only a reader ever sees one.
 */
function storedCanonical(item: TItemContent): string | null {
  try {
    return canonicalText({ ...item, expectedOutput: item.expectedOutput ?? null, preference: item.preference ?? null, lineage: item.lineage ?? null });
  } catch {
    return null;
  }
}

const sameContent = (item: TItemContent) => canonicalize(canonicalItem(item)) as string;

export function toItem(row: TItemRow): TItem {
  return {
    id: row.id,
    portableId: row.portableId,
    revision: row.revision,
    revisionId: row.revisionId,
    input: row.input,
    expectedOutput: row.expectedOutput,
    preference: row.preference,
    metadata: row.metadata,
    splits: row.splits,
    tags: row.tags,
    exact: row.exact,
    lineage: row.lineage as unknown as Record<string, unknown> | null,
    archived: row.archived,
    redacted: row.redactedAt !== null,
    updatedAt: row.createdAt.toISOString(),
  };
}

interface Content {
  input: unknown;
  expectedOutput: unknown;
  preference: { preferred: unknown; rejected: unknown } | null;
}

/** Numbers in an item's content (and the lineage a file brings) that no canonical JSON can write. */
function contentNumberProblems(content: Content & { metadata?: unknown }, lineage?: TLineage | null): FieldError[] {
  const problems = [...numberProblems(content.input, "input"), ...numberProblems(content.expectedOutput, "expectedOutput")];
  problems.push(...numberProblems(content.preference, "preference"), ...numberProblems(content.metadata, "metadata"));
  if (lineage) problems.push(...numberProblems(lineage, "lineage"));
  return problems;
}

const fieldMessage = (problems: FieldError[]) => problems.map((e) => `${e.path}: ${e.message}`).join("; ");

/** Schema failures of an item's content, with paths inside the item. */
function contentProblems(content: Content, checkInput: TValueCheck, checkExpected: TValueCheck): FieldError[] {
  const problems = checkInput(content.input, "input");
  if (content.expectedOutput !== null && content.expectedOutput !== undefined) problems.push(...checkExpected(content.expectedOutput, "expectedOutput"));
  if (content.preference) {
    problems.push(...checkExpected(content.preference.preferred, "preference.preferred"));
    problems.push(...checkExpected(content.preference.rejected, "preference.rejected"));
  }
  return problems;
}

const author = (ctx: ProjectContext) => ({
  user: ctx.actor.kind === "user" ? ctx.actor.userId : null,
  apiKey: ctx.actor.kind === "apiKey" ? ctx.actor.apiKeyId : null,
});

const NEW_REVISION_COLUMNS = `project_id, item_id, dataset_id, revision, input, expected_output, preference, metadata, splits, tags, exact, lineage, archived, input_hash, author_user_id, author_api_key_id, canonical`;

const apiLineage = (via: TLineage["via"]): TLineage => ({
  traceId: null,
  spanId: null,
  traceBId: null,
  queueId: null,
  queueItemId: null,
  labels: [],
  via,
  gateOverride: null,
  redacted: null,
});

/** One item to write: its fields as sent, and the lineage a file carries (undefined: recorded here). */
export interface TItemCandidate {
  raw: unknown;
  lineage?: TLineage | null;
}

/** An item already in the dataset under its portable id with exactly this content (an import run again). */
export type TWriteResult = TItemResult | { index: number; status: "unchanged"; portableId: string };

interface WriteOptions {
  duplicates: TItemsAdd["duplicates"];
  via: TLineage["via"];
  /** What the audit event adds about the batch (a promotion's rule and gate). */
  audit?: Record<string, unknown>;
  /** A portable id already in the dataset with the same content is answered `unchanged` instead of refused. */
  unchangedIsFine: boolean;
}

/** Checks and writes a batch inside the caller's transaction, the dataset locked: one result per candidate, in order. */
async function writeItems(tx: Tx, ctx: ProjectContext, dataset: TDatasetHead, candidates: TItemCandidate[], options: WriteOptions): Promise<TWriteResult[]> {
  const checkInput = valueCheck(dataset.inputSchema);
  const checkExpected = valueCheck(dataset.expectedSchema);
  const results: TWriteResult[] = [];
  const rows: Record<string, unknown>[] = [];
  const parsed = candidates.map((c) => ZItemAdd.safeParse(c.raw));
  // Checked before anything canonicalizes the content (the input's hash does).
  const outOfRange = parsed.map((p, index) => (p.success ? contentNumberProblems(p.data, candidates[index].lineage) : []));
  const hashes = parsed.map((p, index) => (p.success && !outOfRange[index].length ? inputHash(p.data.input) : null));
  const givenIds = parsed.flatMap((p) => (p.success && p.data.portableId ? [p.data.portableId.toLowerCase()] : []));
  const known = await tx.$queryRawUnsafe<{ hash: string | null; portableId: string; given: boolean }[]>(
    `SELECT r.input_hash AS hash, i.portable_id AS "portableId", false AS given
       FROM dataset_item_revisions r JOIN dataset_items i ON i.project_id = r.project_id AND i.id = r.item_id
      WHERE r.project_id = $1::uuid AND r.dataset_id = $2::uuid AND r.is_current AND NOT r.archived AND r.input_hash = ANY($3::text[])
     UNION ALL
     SELECT NULL, portable_id, true FROM dataset_items WHERE project_id = $1::uuid AND dataset_id = $2::uuid AND portable_id = ANY($4::uuid[])`,
    ctx.project.id,
    dataset.id,
    hashes.filter((h): h is string => h !== null),
    givenIds,
  );
  const byHash = new Map(known.filter((k) => !k.given).map((k) => [k.hash as string, k.portableId]));
  const takenIds = new Set(known.filter((k) => k.given).map((k) => k.portableId));
  const existing = new Map<string, string>();
  if (options.unchangedIsFine && takenIds.size) {
    const current = await tx.$queryRawUnsafe<TItemRow[]>(
      `SELECT ${ITEM_COLUMNS} FROM dataset_items i JOIN dataset_item_revisions r ON r.project_id = i.project_id AND r.item_id = i.id AND r.is_current
        WHERE i.project_id = $1::uuid AND i.dataset_id = $2::uuid AND i.portable_id = ANY($3::uuid[])`,
      ctx.project.id,
      dataset.id,
      [...takenIds],
    );
    // A stored item that cannot be canonicalized (a number beyond a double) is the same as nothing sent.
    for (const row of current) if (!contentNumberProblems(row, row.lineage).length) existing.set(row.portableId, sameContent(contentOf(row)));
  }
  parsed.forEach((p, index) => {
    if (!p.success) {
      const errors = p.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
      results.push({ index, status: "rejected", code: "validation_failed", message: errors.map((e) => `${e.path}: ${e.message}`).join("; "), errors });
      return;
    }
    const item = p.data;
    if (outOfRange[index].length) {
      const errors = outOfRange[index];
      results.push({ index, status: "rejected", code: "number_out_of_range", message: fieldMessage(errors), errors });
      return;
    }
    const problems = contentProblems(item, checkInput, checkExpected);
    if (problems.length) {
      const message = `The item does not match the dataset's schemas: ${problems.map((e) => `${e.path}: ${e.message}`).join("; ")}`;
      results.push({ index, status: "rejected", code: "validation_failed", message, errors: problems });
      return;
    }
    const portableId = (item.portableId ?? randomUUID()).toLowerCase();
    const given = candidates[index].lineage;
    const lineage = given === undefined ? apiLineage(options.via) : given;
    const content: TItemContent = { ...item, portableId, expectedOutput: item.expectedOutput ?? null, lineage };
    if (takenIds.has(portableId)) {
      if (existing.get(portableId) === sameContent(content)) results.push({ index, status: "unchanged", portableId });
      else
        results.push({
          index,
          status: "rejected",
          portableId,
          code: "conflict",
          message: "An item with this portable id is already in the dataset: revise it instead",
        });
      return;
    }
    const hash = hashes[index] as string;
    const duplicateOf = byHash.get(hash);
    if (duplicateOf && options.duplicates === "skip") {
      results.push({ index, status: "duplicate", duplicateOf, message: "An item with the same normalized input is already in the dataset" });
      return;
    }
    takenIds.add(portableId);
    if (!duplicateOf) byHash.set(hash, portableId);
    results.push({ index, status: "added", portableId, ...(duplicateOf ? { duplicateOf } : {}) });
    rows.push({
      portable_id: portableId,
      input: item.input,
      expected_output: content.expectedOutput,
      preference: item.preference,
      metadata: item.metadata,
      splits: [...new Set(item.splits)],
      tags: [...new Set(item.tags)],
      exact: item.exact,
      lineage,
      input_hash: hash,
      canonical: storedCanonical(content),
    });
  });
  if (rows.length) {
    const who = author(ctx);
    const written = await tx.$queryRawUnsafe<{ itemId: string; portableId: string }[]>(
      `WITH x AS (
         SELECT * FROM jsonb_to_recordset($3::jsonb) AS x(portable_id uuid, input jsonb, expected_output jsonb, preference jsonb, metadata jsonb,
                                                           splits text[], tags text[], exact boolean, lineage jsonb, input_hash text, canonical text)),
       items AS (
         INSERT INTO dataset_items (project_id, dataset_id, portable_id) SELECT $1::uuid, $2::uuid, portable_id FROM x RETURNING id, portable_id)
       INSERT INTO dataset_item_revisions (${NEW_REVISION_COLUMNS})
       SELECT $1::uuid, items.id, $2::uuid, 1, x.input, nullif(x.expected_output, 'null'::jsonb), nullif(x.preference, 'null'::jsonb), x.metadata,
              x.splits, x.tags, x.exact, nullif(x.lineage, 'null'::jsonb), false, x.input_hash, $4::uuid, $5::uuid, x.canonical
         FROM x JOIN items USING (portable_id)
       RETURNING item_id AS "itemId", (SELECT portable_id FROM items WHERE items.id = item_id) AS "portableId"`,
      ctx.project.id,
      dataset.id,
      JSON.stringify(rows),
      who.user,
      who.apiKey,
    );
    const ids = new Map(written.map((w) => [w.portableId, w.itemId]));
    for (const result of results) if (result.status === "added") result.itemId = ids.get(result.portableId as string);
  }
  return results;
}

const countOf = (results: TWriteResult[], status: TWriteResult["status"]) => results.filter((r) => r.status === status).length;

/** Writes a checked batch in one transaction and audits what was added. */
export async function writeBatch(
  { prisma }: Database,
  ctx: ProjectContext,
  datasetId: string,
  candidates: TItemCandidate[],
  options: WriteOptions,
): Promise<TWriteResult[]> {
  assertCan(ctx, "datasets:write");
  return prismaTransaction(prisma, async (tx) => {
    const dataset = await lockDataset(tx, ctx, datasetId);
    const results = await writeItems(tx, ctx, dataset, candidates, options);
    const summary = { added: countOf(results, "added"), duplicates: countOf(results, "duplicate"), rejected: countOf(results, "rejected") };
    if (summary.added)
      await recordAudit(tx, ctx.actor, {
        projectId: ctx.project.id,
        action: "dataset.items.add",
        targetType: "dataset",
        targetId: datasetId,
        details: { via: options.via, ...summary, ...options.audit },
      });
    return results;
  });
}

/**
 * Where a batch of items came from, when the server knows more than "the API": each item's
 * lineage (by index in the batch) and what the audit event adds about the batch.
 */
export interface TProvenance {
  lineage: readonly TLineage[];
  audit: Record<string, unknown>;
}

/** Adds a batch of items: one result per item, in order; the valid ones are written in one transaction. */
export async function addItems(
  db: Database,
  ctx: ProjectContext,
  datasetId: string,
  body: TItemsAdd,
  via: TLineage["via"] = "api",
  provenance?: TProvenance,
): Promise<{ results: TItemResult[]; added: number; duplicates: number; rejected: number }> {
  const written = await writeBatch(
    db,
    ctx,
    datasetId,
    body.items.map((raw, index) => ({ raw, lineage: provenance?.lineage[index] })),
    { duplicates: body.duplicates, via, unchangedIsFine: false, audit: provenance?.audit },
  );
  const results = written.filter((r): r is TItemResult => r.status !== "unchanged");
  return { results, added: countOf(results, "added"), duplicates: countOf(results, "duplicate"), rejected: countOf(results, "rejected") };
}

/** Changes an item by appending a revision with the fields given, the rest carried over. */
export async function reviseItem({ prisma }: Database, ctx: ProjectContext, datasetId: string, itemId: string, patch: TItemRevise): Promise<TItem> {
  assertCan(ctx, "datasets:write");
  return prismaTransaction(prisma, async (tx) => {
    const dataset = await lockDataset(tx, ctx, datasetId);
    const [current] = await tx.$queryRawUnsafe<TItemRow[]>(
      `SELECT ${ITEM_COLUMNS} FROM dataset_items i JOIN dataset_item_revisions r ON r.project_id = i.project_id AND r.item_id = i.id AND r.is_current
        WHERE i.project_id = $1::uuid AND i.dataset_id = $2::uuid AND i.id = $3::uuid`,
      ctx.project.id,
      datasetId,
      itemId,
    );
    if (!current) throw notFound("Item");
    const next = {
      input: patch.input !== undefined ? patch.input : current.input,
      expectedOutput: patch.expectedOutput !== undefined ? patch.expectedOutput : current.expectedOutput,
      preference: patch.preference !== undefined ? patch.preference : current.preference,
      metadata: patch.metadata ?? current.metadata,
      splits: patch.splits ? [...new Set(patch.splits)] : current.splits,
      tags: patch.tags ? [...new Set(patch.tags)] : current.tags,
      exact: patch.exact ?? current.exact,
      archived: patch.archived ?? current.archived,
    };
    const outOfRange = contentNumberProblems(next);
    if (outOfRange.length) throw new AppError("number_out_of_range", `The item cannot be stored: ${fieldMessage(outOfRange)}`, outOfRange);
    const problems = contentProblems(next, valueCheck(dataset.inputSchema), valueCheck(dataset.expectedSchema));
    if (problems.length)
      throw new AppError(
        "validation_failed",
        `The item does not match the dataset's schemas: ${problems.map((e) => `${e.path}: ${e.message}`).join("; ")}`,
        problems,
      );
    await tx.$executeRawUnsafe(
      `UPDATE dataset_item_revisions SET is_current = false WHERE project_id = $1::uuid AND id = $2::uuid`,
      ctx.project.id,
      current.revisionId,
    );
    const who = author(ctx);
    const [revision] = await tx.$queryRawUnsafe<Omit<TItemRow, "id" | "portableId">[]>(
      `INSERT INTO dataset_item_revisions AS r (${NEW_REVISION_COLUMNS})
       VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5::jsonb, $6::jsonb, $7::jsonb, $8::jsonb, $9::text[], $10::text[], $11, $12::jsonb, $13, $14, $15::uuid, $16::uuid, $17)
       RETURNING ${REVISION_COLUMNS}`,
      ctx.project.id,
      itemId,
      datasetId,
      current.revision + 1,
      JSON.stringify(next.input),
      next.expectedOutput === null || next.expectedOutput === undefined ? null : JSON.stringify(next.expectedOutput),
      next.preference ? JSON.stringify(next.preference) : null,
      JSON.stringify(next.metadata),
      next.splits,
      next.tags,
      next.exact,
      current.lineage ? JSON.stringify(current.lineage) : null,
      next.archived,
      inputHash(next.input),
      who.user,
      who.apiKey,
      storedCanonical({ ...next, portableId: current.portableId, lineage: current.lineage }),
    );
    return toItem({ id: current.id, portableId: current.portableId, ...revision });
  });
}

/** The current revisions of a dataset's items, by portable id, a page at a time. */
export async function listItems(
  { prisma }: Database,
  ctx: ProjectContext,
  datasetId: string,
  query: { limit: number; cursor?: string; archived: "true" | "false"; split?: string },
): Promise<{ items: TItem[]; nextCursor: string | null }> {
  assertCan(ctx, "datasets:read");
  await findDatasetHead(prisma, ctx.project.id, datasetId);
  const after = query.cursor && /^[0-9a-f-]{36}$/i.test(query.cursor) ? query.cursor : null;
  const rows = await prisma.$queryRawUnsafe<TItemRow[]>(
    `SELECT ${ITEM_COLUMNS} FROM dataset_items i JOIN dataset_item_revisions r ON r.project_id = i.project_id AND r.item_id = i.id AND r.is_current
      WHERE i.project_id = $1::uuid AND i.dataset_id = $2::uuid AND r.archived = $3 AND ($4::uuid IS NULL OR i.portable_id > $4::uuid)
        AND ($6::text IS NULL OR $6::text = ANY(r.splits))
      ORDER BY i.portable_id LIMIT $5`,
    ctx.project.id,
    datasetId,
    query.archived === "true",
    after,
    query.limit + 1,
    query.split ?? null,
  );
  const page = rows.slice(0, query.limit);
  return { items: page.map(toItem), nextCursor: rows.length > query.limit ? page[page.length - 1].portableId : null };
}
