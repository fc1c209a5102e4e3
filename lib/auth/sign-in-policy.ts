// How password sign-in is slowed down. Two counters per attempt, both kept in the database so
// every instance sees them:
// - per (account, client address): a few free failures, then blocks that double with each
//   further failure. Only that client is blocked, so an attacker cannot lock the owner out.
// - per account, from every address: never a block, only a short delay that grows with the
//   failures, so spreading guesses over many addresses stays slow.
// The account is the email as typed (lower-cased), known or not: the answers do not reveal
// which emails exist.

export const SIGN_IN_POLICY = {
  /** Failures further apart than this start the count again. */
  windowMs: 60 * 60 * 1000,
  freeFailures: 5,
  firstBlockMs: 60 * 1000,
  maxBlockMs: 30 * 60 * 1000,
  accountFreeFailures: 10,
  accountDelayStepMs: 250,
  accountMaxDelayMs: 3000,
} as const;

export interface FailureCount {
  failures: number;
  lastFailureAt: Date;
}

/** The count once a new failure at `now` is added to `previous`. */
export function countFailure(previous: FailureCount | null, now: Date, policy = SIGN_IN_POLICY): number {
  if (!previous || now.getTime() - previous.lastFailureAt.getTime() > policy.windowMs) return 1;
  return previous.failures + 1;
}

/** How long this client must still wait before its next attempt (0: it may try now). */
export function blockedForMs(count: FailureCount | null, now: Date, policy = SIGN_IN_POLICY): number {
  if (!count || count.failures < policy.freeFailures) return 0;
  const block = Math.min(policy.firstBlockMs * 2 ** (count.failures - policy.freeFailures), policy.maxBlockMs);
  return Math.max(0, count.lastFailureAt.getTime() + block - now.getTime());
}

/** The pause before checking a password for an account that many failures are aimed at. */
export function accountDelayMs(count: FailureCount | null, now: Date, policy = SIGN_IN_POLICY): number {
  if (!count || now.getTime() - count.lastFailureAt.getTime() > policy.windowMs) return 0;
  const over = count.failures - policy.accountFreeFailures;
  return over <= 0 ? 0 : Math.min(over * policy.accountDelayStepMs, policy.accountMaxDelayMs);
}
