import type { ProjectContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/scopes";
import { recordAudit } from "@/lib/audit/service";
import type { Database, Tx } from "@/lib/db/client";
import { prismaTransaction } from "@/lib/db/transaction";
import { AppError, notFound } from "@/lib/errors";
import { isUuid } from "@/lib/ids";
import type { TDataset, TDatasetCreate, TDatasetUpdate } from "./schemas";
import { schemaProblems } from "./validate";

// Datasets: create, list, read, change, archive. Items live in ./items.ts, versions in
// ./versions.ts. Every query names the project.

interface DatasetRow {
  id: string;
  name: string;
  description: string;
  inputSchema: Record<string, unknown> | null;
  expectedSchema: Record<string, unknown> | null;
  archivedAt: Date | null;
  createdAt: Date;
  items: number;
  latestVersion: number | null;
  tags: Record<string, number> | null;
}

const SELECT = `
SELECT d.id, d.name, d.description, d.input_schema AS "inputSchema", d.expected_schema AS "expectedSchema",
       d.archived_at AS "archivedAt", d.created_at AS "createdAt",
       (SELECT count(*) FROM dataset_item_revisions r WHERE r.project_id = d.project_id AND r.dataset_id = d.id AND r.is_current AND NOT r.archived)::int AS items,
       (SELECT max(v.number) FROM dataset_versions v WHERE v.project_id = d.project_id AND v.dataset_id = d.id) AS "latestVersion",
       (SELECT jsonb_object_agg(t.tag, v.number) FROM dataset_version_tags t JOIN dataset_versions v ON v.project_id = t.project_id AND v.id = t.version_id
         WHERE t.project_id = d.project_id AND t.dataset_id = d.id) AS tags
  FROM datasets d WHERE d.project_id = $1::uuid`;

/** A dataset without its counts: what checks, locks and exports need. */
export type TDatasetHead = Omit<TDataset, "items" | "latestVersion" | "tags">;

type HeadRow = Omit<DatasetRow, "items" | "latestVersion" | "tags">;

const toHead = (row: HeadRow): TDatasetHead => ({
  id: row.id,
  name: row.name,
  description: row.description,
  inputSchema: row.inputSchema,
  expectedSchema: row.expectedSchema,
  archived: row.archivedAt !== null,
  createdAt: row.createdAt.toISOString(),
});

function toDataset(row: DatasetRow): TDataset {
  return {
    ...toHead(row),
    items: row.items,
    latestVersion: row.latestVersion,
    tags: row.tags ?? {},
  };
}

export async function listDatasets({ prisma }: Database, ctx: ProjectContext): Promise<{ datasets: TDataset[] }> {
  assertCan(ctx, "datasets:read");
  const rows = await prisma.$queryRawUnsafe<DatasetRow[]>(`${SELECT} ORDER BY d.archived_at IS NOT NULL, lower(d.name)`, ctx.project.id);
  return { datasets: rows.map(toDataset) };
}

/**
 * The dataset without its counts, read inside `db`: counting the current items reads every one
 * of them (over a second at a million), which a check that the dataset exists does not need.
 */
export async function findDatasetHead(db: Tx, projectId: string, datasetId: string): Promise<TDatasetHead> {
  if (!isUuid(datasetId)) throw notFound("Dataset");
  const rows = await db.$queryRawUnsafe<HeadRow[]>(
    `SELECT d.id, d.name, d.description, d.input_schema AS "inputSchema", d.expected_schema AS "expectedSchema",
            d.archived_at AS "archivedAt", d.created_at AS "createdAt"
       FROM datasets d WHERE d.project_id = $1::uuid AND d.id = $2::uuid`,
    projectId,
    datasetId,
  );
  if (!rows[0]) throw notFound("Dataset");
  return toHead(rows[0]);
}

/** The dataset, read inside `db` (a transaction may lock it first). */
export async function findDataset(db: Tx, projectId: string, datasetId: string): Promise<TDataset> {
  if (!isUuid(datasetId)) throw notFound("Dataset");
  const rows = await db.$queryRawUnsafe<DatasetRow[]>(`${SELECT} AND d.id = $2::uuid`, projectId, datasetId);
  if (!rows[0]) throw notFound("Dataset");
  return toDataset(rows[0]);
}

export async function getDataset({ prisma }: Database, ctx: ProjectContext, datasetId: string): Promise<TDataset> {
  assertCan(ctx, "datasets:read");
  return findDataset(prisma, ctx.project.id, datasetId);
}

function assertSchemas(input: { inputSchema?: unknown; expectedSchema?: unknown }): void {
  const problems = [...schemaProblems(input.inputSchema, "inputSchema"), ...schemaProblems(input.expectedSchema, "expectedSchema")];
  if (problems.length) throw new AppError("validation_failed", problems.map((p) => `${p.path}: ${p.message}`).join("; "), problems);
}

/** A JSON parameter: SQL NULL for none. */
const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

const isUniqueViolation = (error: unknown) => (error as { code?: string; meta?: { code?: string } })?.code === "P2002" || /23505|unique/i.test(String(error));

export async function createDataset({ prisma }: Database, ctx: ProjectContext, input: TDatasetCreate): Promise<TDataset> {
  assertCan(ctx, "datasets:write");
  assertSchemas(input);
  try {
    return await prismaTransaction(prisma, async (tx) => {
      const [created] = await tx.$queryRawUnsafe<{ id: string }[]>(
        `INSERT INTO datasets (project_id, name, description, input_schema, expected_schema) VALUES ($1::uuid, $2, $3, $4::jsonb, $5::jsonb) RETURNING id`,
        ctx.project.id,
        input.name,
        input.description,
        json(input.inputSchema),
        json(input.expectedSchema),
      );
      await recordAudit(tx, ctx.actor, {
        projectId: ctx.project.id,
        action: "dataset.create",
        targetType: "dataset",
        targetId: created.id,
        details: { name: input.name },
      });
      return findDataset(tx, ctx.project.id, created.id);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", `A dataset named "${input.name}" already exists in this project`);
    throw error;
  }
}

export async function updateDataset({ prisma }: Database, ctx: ProjectContext, datasetId: string, input: TDatasetUpdate): Promise<TDataset> {
  assertCan(ctx, "datasets:write");
  assertSchemas(input);
  return prismaTransaction(prisma, async (tx) => {
    const before = await findDataset(tx, ctx.project.id, datasetId);
    if (input.archived !== undefined && input.archived !== before.archived) {
      await recordAudit(tx, ctx.actor, {
        projectId: ctx.project.id,
        action: "dataset.archive",
        targetType: "dataset",
        targetId: datasetId,
        details: { archived: input.archived },
      });
    }
    await tx.$executeRawUnsafe(
      `UPDATE datasets SET description = coalesce($3, description),
              input_schema = CASE WHEN $4 THEN $5::jsonb ELSE input_schema END,
              expected_schema = CASE WHEN $6 THEN $7::jsonb ELSE expected_schema END,
              archived_at = CASE WHEN $8::boolean IS NULL THEN archived_at WHEN $8 THEN coalesce(archived_at, now()) ELSE NULL END
        WHERE project_id = $1::uuid AND id = $2::uuid`,
      ctx.project.id,
      datasetId,
      input.description ?? null,
      input.inputSchema !== undefined,
      json(input.inputSchema),
      input.expectedSchema !== undefined,
      json(input.expectedSchema),
      input.archived ?? null,
    );
    return findDataset(tx, ctx.project.id, datasetId);
  });
}

/** Locks the dataset for a change to its items (adds, revisions and publishing run one at a time per dataset). */
export async function lockDataset(tx: Tx, ctx: ProjectContext, datasetId: string) {
  const locked = await tx.$queryRawUnsafe<{ id: string }[]>(
    `SELECT id FROM datasets WHERE project_id = $1::uuid AND id = $2::uuid FOR NO KEY UPDATE`,
    ctx.project.id,
    datasetId,
  );
  if (!locked[0]) throw notFound("Dataset");
  const dataset = await findDatasetHead(tx, ctx.project.id, datasetId);
  if (dataset.archived) throw new AppError("conflict", "This dataset is archived: bring it back before changing its items");
  return dataset;
}

/**
 * Deletes a dataset with everything it holds (items, revisions, published versions, tags) in
 * one transaction, once the caller has typed its exact name. The database lets the frozen rows
 * go only because the transaction names this dataset (see the dataset_delete migration).
 */
export async function deleteDataset(
  { prisma }: Database,
  ctx: ProjectContext,
  datasetId: string,
  confirm: string,
): Promise<{ deleted: { id: string; name: string; items: number; versions: number } }> {
  assertCan(ctx, "datasets:delete");
  return prismaTransaction(prisma, async (tx) => {
    const locked = await tx.$queryRawUnsafe<{ name: string }[]>(
      `SELECT name FROM datasets WHERE project_id = $1::uuid AND id = $2::uuid FOR UPDATE`,
      ctx.project.id,
      datasetId,
    );
    if (!locked[0]) throw notFound("Dataset");
    const { name } = locked[0];
    if (confirm !== name) throw new AppError("confirmation_mismatch", `Type the dataset's name, "${name}", exactly to delete it`);
    await tx.$queryRawUnsafe(`SELECT set_config('assay.dataset_delete', $1, true)`, `${ctx.project.id}/${datasetId}`);
    const [counts] = await tx.$queryRawUnsafe<{ items: number; versions: number }[]>(
      `SELECT (SELECT count(*) FROM dataset_items WHERE project_id = $1::uuid AND dataset_id = $2::uuid)::int AS items,
              (SELECT count(*) FROM dataset_versions WHERE project_id = $1::uuid AND dataset_id = $2::uuid)::int AS versions`,
      ctx.project.id,
      datasetId,
    );
    // Children first, in one order, so no row outlives what it belongs to.
    await tx.$executeRawUnsafe(`DELETE FROM dataset_version_tags WHERE project_id = $1::uuid AND dataset_id = $2::uuid`, ctx.project.id, datasetId);
    await tx.$executeRawUnsafe(
      `DELETE FROM dataset_version_items vi USING dataset_versions v
        WHERE vi.project_id = $1::uuid AND v.project_id = $1::uuid AND v.id = vi.version_id AND v.dataset_id = $2::uuid`,
      ctx.project.id,
      datasetId,
    );
    for (const table of ["dataset_versions", "dataset_item_revisions", "dataset_items", "datasets"])
      await tx.$executeRawUnsafe(
        `DELETE FROM ${table} WHERE project_id = $1::uuid AND ${table === "datasets" ? "id" : "dataset_id"} = $2::uuid`,
        ctx.project.id,
        datasetId,
      );
    await tx.$queryRawUnsafe(`SELECT set_config('assay.dataset_delete', '', true)`);
    await recordAudit(tx, ctx.actor, {
      projectId: ctx.project.id,
      action: "dataset.delete",
      targetType: "dataset",
      targetId: datasetId,
      details: { name, ...counts },
    });
    return { deleted: { id: datasetId, name, ...counts } };
  });
}
