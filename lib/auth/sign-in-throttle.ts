import type { Db, Tx } from "@/lib/db/client";
import { type FailureCount, SIGN_IN_POLICY, accountDelayMs, blockedForMs, countFailure } from "./sign-in-policy";

// The sign-in counters of lib/auth/sign-in-policy.ts, in the sign_in_failures table. An attempt
// counts as a failure before its password is checked (a success clears it), so a burst of
// simultaneous guesses cannot slip past the limit while the first ones are still hashing.

const EVERY_CLIENT = "";

/** `blockedForMs` > 0: refuse now; otherwise pause `delayMs` before checking the password. */
export interface SignInAttempt {
  blockedForMs: number;
  delayMs: number;
}

export async function beginSignIn(db: Db, email: string, client: string, now = new Date()): Promise<SignInAttempt> {
  return db.$transaction(async (tx) => {
    // The no-op update locks an existing row at once, so the purge of stale rows cannot delete
    // it between here and the SELECT. Rows are locked in key order ('' first): no deadlock.
    await tx.$executeRaw`INSERT INTO sign_in_failures (email, client, failures, last_failure_at)
      VALUES (${email}, ${EVERY_CLIENT}, 0, ${now}), (${email}, ${client}, 0, ${now})
      ON CONFLICT (email, client) DO UPDATE SET failures = sign_in_failures.failures`;
    const rows = await tx.$queryRaw<({ client: string } & FailureCount)[]>`
      SELECT client, failures, last_failure_at AS "lastFailureAt" FROM sign_in_failures
       WHERE email = ${email} AND client IN (${EVERY_CLIENT}, ${client}) ORDER BY client FOR UPDATE`;
    const account = rows.find((r) => r.client === EVERY_CLIENT) ?? null;
    const pair = rows.find((r) => r.client === client) ?? null;
    const blocked = blockedForMs(pair, now);
    if (blocked > 0) return { blockedForMs: blocked, delayMs: 0 };
    for (const [row, key] of [
      [account, EVERY_CLIENT],
      [pair, client],
    ] as const) {
      await tx.signInFailure.update({ where: { email_client: { email, client: key } }, data: { failures: countFailure(row, now), lastFailureAt: now } });
    }
    return { blockedForMs: 0, delayMs: accountDelayMs(account, now) };
  });
}

/** A successful sign-in clears its client's count and its account's. */
export async function signInSucceeded(db: Db, email: string, client: string): Promise<void> {
  await db.signInFailure.deleteMany({ where: { email, client: { in: [EVERY_CLIENT, client] } } });
}

/**
 * Rows idle this long count for nothing: a day, far past the policy's longest window (its
 * count window and its longest block), so deleting one never lets a guesser through sooner.
 */
export const STALE_SIGN_IN_FAILURE_MS = Math.max(24 * 60 * 60 * 1000, SIGN_IN_POLICY.windowMs, SIGN_IN_POLICY.maxBlockMs);

/** Deletes the counters of attempts nobody followed with a success; returns how many. */
export async function purgeStaleSignInFailures(db: Tx, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - STALE_SIGN_IN_FAILURE_MS);
  const { count } = await db.signInFailure.deleteMany({ where: { lastFailureAt: { lt: cutoff } } });
  return count;
}
