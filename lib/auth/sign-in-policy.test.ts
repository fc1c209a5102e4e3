import { describe, expect, it } from "vitest";
import { SIGN_IN_POLICY as P, accountDelayMs, blockedForMs, countFailure } from "./sign-in-policy";

const at = (ms: number) => new Date(1_700_000_000_000 + ms);

describe("a client's failed sign-ins", () => {
  it("are free up to the limit, then block for doubling times up to the cap", () => {
    expect(blockedForMs({ failures: P.freeFailures - 1, lastFailureAt: at(0) }, at(0))).toBe(0);
    expect(blockedForMs({ failures: P.freeFailures, lastFailureAt: at(0) }, at(0))).toBe(P.firstBlockMs);
    expect(blockedForMs({ failures: P.freeFailures + 1, lastFailureAt: at(0) }, at(0))).toBe(2 * P.firstBlockMs);
    expect(blockedForMs({ failures: P.freeFailures + 20, lastFailureAt: at(0) }, at(0))).toBe(P.maxBlockMs);
  });

  it("block only until the block has passed", () => {
    const count = { failures: P.freeFailures, lastFailureAt: at(0) };
    expect(blockedForMs(count, at(P.firstBlockMs - 1000))).toBe(1000);
    expect(blockedForMs(count, at(P.firstBlockMs))).toBe(0);
  });

  it("count again from one after a quiet window, and keep growing within it", () => {
    expect(countFailure(null, at(0))).toBe(1);
    expect(countFailure({ failures: 7, lastFailureAt: at(0) }, at(P.windowMs))).toBe(8);
    expect(countFailure({ failures: 7, lastFailureAt: at(0) }, at(P.windowMs + 1))).toBe(1);
  });
});

describe("an account's failed sign-ins from everywhere", () => {
  it("never block, and only delay by a capped, growing pause", () => {
    expect(accountDelayMs({ failures: P.accountFreeFailures, lastFailureAt: at(0) }, at(0))).toBe(0);
    expect(accountDelayMs({ failures: P.accountFreeFailures + 2, lastFailureAt: at(0) }, at(0))).toBe(2 * P.accountDelayStepMs);
    expect(accountDelayMs({ failures: 10_000, lastFailureAt: at(0) }, at(0))).toBe(P.accountMaxDelayMs);
    expect(accountDelayMs({ failures: 10_000, lastFailureAt: at(0) }, at(P.windowMs + 1))).toBe(0);
  });
});
