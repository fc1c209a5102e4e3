import { describe, expect, it } from "vitest";
import { isRetryable, withRetry } from "./transaction";

// Shapes of the errors Postgres's deadlock and serialization victims arrive in.
const pgDeadlock = Object.assign(new Error("deadlock detected"), { code: "40P01" });
const prismaRawDeadlock = Object.assign(new Error("Raw query failed. Code: `40P01`"), {
  code: "P2010",
  meta: { driverAdapterError: Object.assign(new Error("TransactionWriteConflict"), { cause: { kind: "TransactionWriteConflict", originalCode: "40P01" } }) },
});
const prismaWriteConflict = Object.assign(new Error("Transaction failed due to a write conflict or a deadlock"), { code: "P2034" });
const uniqueViolation = Object.assign(new Error("duplicate key"), { code: "23505" });

describe("isRetryable", () => {
  it("knows a deadlock or serialization failure from pg and from Prisma, and nothing else", () => {
    expect(isRetryable(pgDeadlock)).toBe(true);
    expect(isRetryable(Object.assign(new Error("could not serialize"), { code: "40001" }))).toBe(true);
    expect(isRetryable(prismaRawDeadlock)).toBe(true);
    expect(isRetryable(prismaWriteConflict)).toBe(true);
    expect(isRetryable(uniqueViolation)).toBe(false);
    expect(isRetryable(new Error("plain"))).toBe(false);
    expect(isRetryable(null)).toBe(false);
  });
});

describe("withRetry", () => {
  it("runs the work again after a deadlock and returns its result", async () => {
    let calls = 0;
    const result = await withRetry(async () => {
      calls++;
      if (calls < 3) throw prismaRawDeadlock;
      return "done";
    });
    expect([result, calls]).toEqual(["done", 3]);
  });

  it("gives up after a bounded number of attempts, and never retries other errors", async () => {
    let deadlocks = 0;
    await expect(
      withRetry(async () => {
        deadlocks++;
        throw pgDeadlock;
      }),
    ).rejects.toBe(pgDeadlock);
    expect(deadlocks).toBe(4);
    let others = 0;
    await expect(
      withRetry(async () => {
        others++;
        throw uniqueViolation;
      }),
    ).rejects.toBe(uniqueViolation);
    expect(others).toBe(1);
  });
});
