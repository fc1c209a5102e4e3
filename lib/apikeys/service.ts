import type { ProjectContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/scopes";
import { apiKeyHint, newApiKey, sha256 } from "@/lib/auth/tokens";
import { recordAudit } from "@/lib/audit/service";
import type { Db, Tx } from "@/lib/db/client";
import type { ApiKeyScope } from "@/lib/db/generated/enums";
import { notFound } from "@/lib/errors";
import type { TApiKeyCreate } from "./schemas";

const PUBLIC_FIELDS = {
  id: true,
  name: true,
  displayHint: true,
  scope: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
  createdBy: { select: { name: true, email: true } },
} as const;

export async function listApiKeys(db: Tx, ctx: ProjectContext) {
  assertCan(ctx, "apikeys:manage");
  return db.apiKey.findMany({
    where: { projectId: ctx.project.id },
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    select: PUBLIC_FIELDS,
  });
}

/** Creates a key. The secret is in this answer and nowhere else, ever. */
export async function createApiKey(db: Db, ctx: ProjectContext, input: TApiKeyCreate) {
  assertCan(ctx, "apikeys:manage");
  const secret = newApiKey();
  const key = await db.$transaction(async (tx) => {
    const created = await insertKey(tx, ctx.project.id, input.name, input.scope, secret, ctx.actor.kind === "user" ? ctx.actor.userId : null);
    await recordAudit(tx, ctx.actor, {
      projectId: ctx.project.id,
      action: "apikey.create",
      targetType: "api_key",
      targetId: created.id,
      details: { name: input.name, scope: input.scope },
    });
    return created;
  });
  return { ...key, secret };
}

export async function insertKey(tx: Tx, projectId: string, name: string, scope: ApiKeyScope, secret: string, createdById: string | null) {
  return tx.apiKey.create({
    data: { projectId, name, scope, keyHash: sha256(secret), displayHint: apiKeyHint(secret), createdById },
    select: PUBLIC_FIELDS,
  });
}

export async function revokeApiKey(db: Db, ctx: ProjectContext, keyId: string) {
  assertCan(ctx, "apikeys:manage");
  return db.$transaction(async (tx) => {
    const key = await tx.apiKey.findUnique({
      where: { projectId_id: { projectId: ctx.project.id, id: keyId } },
      select: { id: true, revokedAt: true, name: true },
    });
    if (!key) throw notFound("API key");
    if (key.revokedAt) return { id: key.id, revokedAt: key.revokedAt };
    const revoked = await tx.apiKey.update({
      where: { projectId_id: { projectId: ctx.project.id, id: keyId } },
      data: { revokedAt: new Date() },
      select: { id: true, revokedAt: true },
    });
    await recordAudit(tx, ctx.actor, {
      projectId: ctx.project.id,
      action: "apikey.revoke",
      targetType: "api_key",
      targetId: keyId,
      details: { name: key.name },
    });
    return revoked;
  });
}
