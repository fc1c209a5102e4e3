import type { Tx } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/context";
import type { AuditAction, AuditTarget } from "./catalog";

export interface AuditEntry<A extends AuditAction = AuditAction> {
  action: A;
  /** The catalog's target kind for the action. */
  targetType: AuditTarget<A>;
  targetId?: string | null;
  /** Who changed what: identifiers, before and after. Never trace content. */
  details?: Record<string, unknown>;
  projectId?: string | null;
}

/** Records one event; answers its id, which a record of the change may name. */
export async function recordAudit<A extends AuditAction>(tx: Tx, actor: Actor | null, entry: AuditEntry<A>): Promise<string> {
  const event = await tx.auditEvent.create({
    data: {
      projectId: entry.projectId ?? null,
      actorUserId: actor?.kind === "user" ? actor.userId : null,
      actorApiKey: actor?.kind === "apiKey" ? actor.apiKeyId : null,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      details: (entry.details ?? {}) as object,
    },
    select: { id: true },
  });
  return event.id;
}
