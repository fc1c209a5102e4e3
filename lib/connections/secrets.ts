import type { Db, Tx } from "@/lib/db/client";
import { prismaTransaction } from "@/lib/db/transaction";
import { AppError, notFound } from "@/lib/errors";
import { SecretUnreadable, open, seal, sealedByOldKey } from "@/lib/secrets/envelope";
import { keyring } from "@/lib/secrets/keyring";

// The one module that seals and opens a connection's secrets. Each envelope is bound to its
// project, connection and field, so a sealed value copied into another row does not open.

type Field = "api_key" | "headers";
const bound = (projectId: string, connectionId: string, field: Field) => `model_connection/${projectId}/${connectionId}/${field}`;

export function sealApiKey(projectId: string, connectionId: string, apiKey: string | null | undefined): string | null {
  return apiKey ? seal(keyring(), apiKey, bound(projectId, connectionId, "api_key")) : null;
}

export function sealHeaders(projectId: string, connectionId: string, headers: Record<string, string>): string | null {
  return Object.keys(headers).length ? seal(keyring(), JSON.stringify(headers), bound(projectId, connectionId, "headers")) : null;
}

export interface ConnectionSecrets {
  apiKey: string | null;
  headers: Record<string, string>;
}

function openField(projectId: string, connectionId: string, field: Field, envelope: string): string {
  try {
    return open(keyring(), envelope, bound(projectId, connectionId, field));
  } catch (error) {
    if (error instanceof SecretUnreadable) {
      throw new AppError(
        "secret_unreadable",
        `A stored secret of this connection cannot be opened (${error.reason.replace("_", " ")}): was an encryption key removed?`,
      );
    }
    throw error;
  }
}

/** The key and header values in plain text, for the one request about to be sent. */
export async function readSecrets(db: Tx, projectId: string, connectionId: string): Promise<ConnectionSecrets> {
  const row = await db.modelConnection.findUnique({
    where: { projectId_id: { projectId, id: connectionId } },
    select: { apiKeySecret: true, headersSecret: true },
  });
  if (!row) throw notFound("Connection");
  return {
    apiKey: row.apiKeySecret ? openField(projectId, connectionId, "api_key", row.apiKeySecret) : null,
    headers: row.headersSecret ? (JSON.parse(openField(projectId, connectionId, "headers", row.headersSecret)) as Record<string, string>) : {},
  };
}

/**
 * After a key rotation: every secret sealed by a retired key is opened and sealed again with
 * the current one, a connection per transaction (its row locked), so the retired key can then
 * be dropped from ASSAY_ENCRYPTION_KEYS_OLD.
 */
export async function resealConnectionSecrets(prisma: Db): Promise<{ checked: number; resealed: number }> {
  const rows = await prisma.modelConnection.findMany({ select: { projectId: true, id: true, apiKeySecret: true, headersSecret: true } });
  const ring = keyring();
  let resealed = 0;
  for (const row of rows) {
    const stale = (envelope: string | null) => envelope !== null && sealedByOldKey(ring, envelope);
    if (!stale(row.apiKeySecret) && !stale(row.headersSecret)) continue;
    await prismaTransaction(prisma, async (tx) => {
      const where = { projectId_id: { projectId: row.projectId, id: row.id } };
      await tx.$queryRawUnsafe(`SELECT 1 FROM model_connections WHERE project_id = $1::uuid AND id = $2::uuid FOR UPDATE`, row.projectId, row.id);
      const { apiKey, headers } = await readSecrets(tx, row.projectId, row.id);
      await tx.modelConnection.update({
        where,
        data: { apiKeySecret: sealApiKey(row.projectId, row.id, apiKey), headersSecret: sealHeaders(row.projectId, row.id, headers) },
      });
    });
    resealed++;
  }
  return { checked: rows.length, resealed };
}
