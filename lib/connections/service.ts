import type { ProjectContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/scopes";
import { recordAudit } from "@/lib/audit/service";
import type { Database, Tx } from "@/lib/db/client";
import { prismaTransaction } from "@/lib/db/transaction";
import { AppError, notFound } from "@/lib/errors";
import type { TConnection, TConnectionCreate, TConnectionUpdate, TRotateKey } from "./schemas";
import { readSecrets, sealApiKey, sealHeaders } from "./secrets";
import { isUuid } from "@/lib/ids";

// Model connections: create, list, read, change, rotate the key, delete. Every query names the
// project; secrets are sealed on the way in (./secrets.ts) and never read back here.

const isUniqueViolation = (error: unknown) => (error as { code?: string })?.code === "P2002" || /23505|unique/i.test(String(error));
const nameTaken = (name: string) => new AppError("connection_name_taken", `A connection named "${name}" already exists in this project`);

// Selecting the secret columns as booleans: whether there is a key, never the key.
const SELECT = {
  id: true,
  name: true,
  baseUrl: true,
  models: true,
  structuredOutput: true,
  headerNames: true,
  createdAt: true,
  updatedAt: true,
} as const;

type Row = { id: string; name: string; baseUrl: string; models: unknown; structuredOutput: string; headerNames: string[]; createdAt: Date; updatedAt: Date };

function toConnection(row: Row, hasApiKey: boolean): TConnection {
  return {
    id: row.id,
    name: row.name,
    baseUrl: row.baseUrl,
    models: row.models as TConnection["models"],
    structuredOutput: row.structuredOutput as TConnection["structuredOutput"],
    hasApiKey,
    headerNames: row.headerNames,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function keyedIds(db: Tx, projectId: string): Promise<Set<string>> {
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(
    `SELECT id FROM model_connections WHERE project_id = $1::uuid AND api_key_secret IS NOT NULL`,
    projectId,
  );
  return new Set(rows.map((r) => r.id));
}

/** One connection of the project, read inside `db` (a transaction may have locked it). */
export async function findConnection(db: Tx, projectId: string, connectionId: string): Promise<TConnection> {
  if (!isUuid(connectionId)) throw notFound("Connection");
  const row = await db.modelConnection.findUnique({ where: { projectId_id: { projectId, id: connectionId } }, select: SELECT });
  if (!row) throw notFound("Connection");
  return toConnection(row, (await keyedIds(db, projectId)).has(row.id));
}

export async function listConnections({ prisma }: Database, ctx: ProjectContext): Promise<{ connections: TConnection[] }> {
  assertCan(ctx, "judges:read");
  const [rows, keyed] = await Promise.all([
    prisma.modelConnection.findMany({ where: { projectId: ctx.project.id }, select: SELECT, orderBy: { name: "asc" } }),
    keyedIds(prisma, ctx.project.id),
  ]);
  return { connections: rows.map((row) => toConnection(row, keyed.has(row.id))) };
}

export async function getConnection({ prisma }: Database, ctx: ProjectContext, connectionId: string): Promise<TConnection> {
  assertCan(ctx, "judges:read");
  return findConnection(prisma, ctx.project.id, connectionId);
}

type ConnectionAction = "connection.create" | "connection.update" | "connection.rotate_key" | "connection.delete";

/** The audit event of a change: names, URLs and whether a key exists, never a secret. */
function audit(tx: Tx, ctx: ProjectContext, action: ConnectionAction, connectionId: string, details: Record<string, unknown>) {
  return recordAudit(tx, ctx.actor, { projectId: ctx.project.id, action, targetType: "model_connection", targetId: connectionId, details });
}

const headerValues = (headers: { name: string; value?: string }[]) => Object.fromEntries(headers.map((h) => [h.name, h.value!]));

export async function createConnection({ prisma }: Database, ctx: ProjectContext, input: TConnectionCreate): Promise<TConnection> {
  assertCan(ctx, "connections:manage");
  // The id is chosen here because each sealed secret is bound to the row it is stored in.
  const id = crypto.randomUUID();
  const projectId = ctx.project.id;
  try {
    return await prismaTransaction(prisma, async (tx) => {
      await tx.modelConnection.create({
        data: {
          projectId,
          id,
          name: input.name,
          baseUrl: input.baseUrl,
          models: input.models,
          structuredOutput: input.structuredOutput,
          headerNames: input.headers.map((h) => h.name),
          apiKeySecret: sealApiKey(projectId, id, input.apiKey),
          headersSecret: sealHeaders(projectId, id, headerValues(input.headers)),
        },
        select: { id: true },
      });
      await audit(tx, ctx, "connection.create", id, {
        name: input.name,
        baseUrl: input.baseUrl,
        models: input.models.map((m) => m.name),
        headerNames: input.headers.map((h) => h.name),
        hasApiKey: Boolean(input.apiKey),
      });
      return findConnection(tx, projectId, id);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name);
    throw error;
  }
}

async function lockConnection(tx: Tx, projectId: string, connectionId: string): Promise<TConnection> {
  if (!isUuid(connectionId)) throw notFound("Connection");
  await tx.$queryRawUnsafe(`SELECT 1 FROM model_connections WHERE project_id = $1::uuid AND id = $2::uuid FOR UPDATE`, projectId, connectionId);
  return findConnection(tx, projectId, connectionId);
}

export async function updateConnection({ prisma }: Database, ctx: ProjectContext, connectionId: string, input: TConnectionUpdate): Promise<TConnection> {
  assertCan(ctx, "connections:manage");
  const projectId = ctx.project.id;
  try {
    return await prismaTransaction(prisma, async (tx) => {
      const before = await lockConnection(tx, projectId, connectionId);
      const data: Record<string, unknown> = {};
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const field of ["name", "baseUrl", "models", "structuredOutput"] as const) {
        if (input[field] === undefined || JSON.stringify(input[field]) === JSON.stringify(before[field])) continue;
        data[field] = input[field];
        changes[field] = { from: before[field], to: input[field] };
      }
      if (input.headers) {
        // A header sent without a value keeps the value stored under its name.
        const stored = (await readSecrets(tx, projectId, connectionId)).headers;
        const storedByName = new Map(Object.entries(stored).map(([name, value]) => [name.toLowerCase(), value]));
        const missing = input.headers.filter((h) => h.value === undefined && !storedByName.has(h.name.toLowerCase()));
        if (missing.length) {
          const fieldErrors = missing.map((h) => ({
            path: `headers.${input.headers!.indexOf(h)}.value`,
            message: `Give a value for the new header ${h.name}`,
          }));
          throw new AppError("validation_failed", fieldErrors.map((f) => f.message).join("; "), fieldErrors);
        }
        const values = Object.fromEntries(input.headers.map((h) => [h.name, h.value ?? storedByName.get(h.name.toLowerCase())!]));
        data.headerNames = input.headers.map((h) => h.name);
        data.headersSecret = sealHeaders(projectId, connectionId, values);
        const changedValues = input.headers.filter((h) => h.value !== undefined).map((h) => h.name);
        changes.headers = { from: before.headerNames, to: { names: data.headerNames, valuesChanged: changedValues } };
      }
      if (Object.keys(data).length === 0) return before;
      await tx.modelConnection.update({ where: { projectId_id: { projectId, id: connectionId } }, data, select: { id: true } });
      await audit(tx, ctx, "connection.update", connectionId, { changes });
      return findConnection(tx, projectId, connectionId);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name ?? "");
    throw error;
  }
}

export async function rotateConnectionKey({ prisma }: Database, ctx: ProjectContext, connectionId: string, input: TRotateKey): Promise<TConnection> {
  assertCan(ctx, "connections:manage");
  const projectId = ctx.project.id;
  return prismaTransaction(prisma, async (tx) => {
    const before = await lockConnection(tx, projectId, connectionId);
    await tx.modelConnection.update({
      where: { projectId_id: { projectId, id: connectionId } },
      data: { apiKeySecret: sealApiKey(projectId, connectionId, input.apiKey) },
      select: { id: true },
    });
    await audit(tx, ctx, "connection.rotate_key", connectionId, { name: before.name, hadApiKey: before.hasApiKey, hasApiKey: input.apiKey !== null });
    return findConnection(tx, projectId, connectionId);
  });
}

/**
 * Judge versions pin their connection (published ones for good), so a connection in use stays:
 * the answer names the judges rather than leaving the foreign key to refuse without a reason.
 */
async function refuseWhileUsed(tx: Tx, projectId: string, connectionId: string, name: string): Promise<void> {
  const users = await tx.$queryRawUnsafe<{ name: string }[]>(
    `SELECT DISTINCT j.name FROM judge_versions v JOIN judges j ON j.project_id = v.project_id AND j.id = v.judge_id
      WHERE v.project_id = $1::uuid AND v.connection_id = $2::uuid ORDER BY j.name`,
    projectId,
    connectionId,
  );
  if (users.length === 0) return;
  const judges = users.map((u) => u.name);
  throw new AppError("connection_in_use", `The connection "${name}" is used by the judges ${judges.join(", ")}: it cannot be deleted while they use it`);
}

export async function deleteConnection({ prisma }: Database, ctx: ProjectContext, connectionId: string): Promise<{ deleted: true; id: string }> {
  assertCan(ctx, "connections:manage");
  const projectId = ctx.project.id;
  return prismaTransaction(prisma, async (tx) => {
    const before = await lockConnection(tx, projectId, connectionId);
    await refuseWhileUsed(tx, projectId, connectionId, before.name);
    await tx.modelConnection.delete({ where: { projectId_id: { projectId, id: connectionId } }, select: { id: true } });
    await audit(tx, ctx, "connection.delete", connectionId, { name: before.name });
    return { deleted: true as const, id: connectionId };
  });
}
