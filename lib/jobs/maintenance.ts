import { type Tx, db } from "@/lib/db/client";
import type { JobDefinition } from "./job";

const KEEP_USED_TOKENS_DAYS = 30;

/**
 * Deletes invitation and reset links that can no longer be used and are older than the
 * retention window. Their history stays in the audit log, which records ids, not secrets.
 */
export async function purgeExpiredTokens(db: Tx, now = new Date()) {
  const cutoff = new Date(now.getTime() - KEEP_USED_TOKENS_DAYS * 24 * 60 * 60 * 1000);
  const dead = (field: "expiresAt" | "usedAt") => ({ [field]: { lt: cutoff } });
  const invitations = await db.invitation.deleteMany({
    where: { OR: [dead("expiresAt"), dead("usedAt"), { revokedAt: { lt: cutoff } }] },
  });
  const resets = await db.passwordReset.deleteMany({ where: { OR: [dead("expiresAt"), dead("usedAt")] } });
  return { invitations: invitations.count, resets: resets.count };
}

export const PURGE_EXPIRED_TOKENS = "maintenance.purge-expired-tokens";

export const maintenanceJobs: JobDefinition[] = [{ name: PURGE_EXPIRED_TOKENS, schedule: "17 3 * * *", run: () => purgeExpiredTokens(db()) }];
