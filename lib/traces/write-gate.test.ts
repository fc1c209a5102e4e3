import { afterEach, describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import { WriteGate } from "./write-gate";

// The gate's rules, driven step by step: each write is a promise the test settles by hand,
// and the wait bound runs on fake timers, so no outcome depends on how fast the machine is.

function held() {
  let release!: () => void;
  let fail!: (error: Error) => void;
  const done = new Promise<void>((resolve, reject) => ((release = resolve), (fail = reject)));
  return { done, release, fail };
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

afterEach(() => {
  vi.useRealTimers();
});

describe("the write gate", () => {
  it("runs at most `limit` writes at once and admits the rest in arrival order", async () => {
    const gate = new WriteGate(2);
    const writes = [held(), held(), held(), held()];
    const started: number[] = [];
    const runs = writes.map((w, i) =>
      gate.run(async () => {
        started.push(i);
        await w.done;
        return i;
      }, Infinity),
    );
    await flush();
    expect(started).toEqual([0, 1]);
    expect([gate.inFlight, gate.waiting]).toEqual([2, 2]);

    writes[1].release();
    await flush();
    expect(started).toEqual([0, 1, 2]);
    writes[0].release();
    await flush();
    expect(started).toEqual([0, 1, 2, 3]);
    expect([gate.inFlight, gate.waiting]).toEqual([2, 0]);
    writes[2].release();
    writes[3].release();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
    expect([gate.inFlight, gate.waiting]).toEqual([0, 0]);
  });

  it("does not let a newcomer overtake a waiting write when a slot frees", async () => {
    const gate = new WriteGate(1);
    const first = held();
    const order: string[] = [];
    const a = gate.run(() => first.done.then(() => order.push("first")), Infinity);
    const b = gate.run(async () => order.push("waiting"), Infinity);
    await flush();
    first.release();
    // Asks in the same tick the slot frees: it must still go after the one that waited.
    const c = gate.run(async () => order.push("newcomer"), Infinity);
    await Promise.all([a, b, c]);
    expect(order).toEqual(["first", "waiting", "newcomer"]);
  });

  it("refuses with ingestion_busy (429) a write that waits longer than its bound, and forgets it", async () => {
    vi.useFakeTimers();
    const gate = new WriteGate(1);
    const first = held();
    const running = gate.run(() => first.done, Infinity);
    let ranLate = false;
    const late = gate.run(async () => void (ranLate = true), 5_000);
    const patient = gate.run(async () => "patient", Infinity);
    expect(gate.waiting).toBe(2);

    vi.advanceTimersByTime(4_999);
    expect(gate.waiting).toBe(2);
    vi.advanceTimersByTime(1);
    const refusal = await late.catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal).toMatchObject({ code: "ingestion_busy", status: 429 });
    expect(gate.waiting).toBe(1);

    first.release();
    await running;
    expect(await patient).toBe("patient");
    expect(ranLate).toBe(false);
    expect([gate.inFlight, gate.waiting]).toEqual([0, 0]);
  });

  it("frees the slot of a write that fails, and passes the failure on", async () => {
    const gate = new WriteGate(1);
    const first = held();
    const failing = gate.run(() => first.done, Infinity);
    const next = gate.run(async () => "next", Infinity);
    first.fail(new Error("refused by the database"));
    await expect(failing).rejects.toThrow("refused by the database");
    expect(await next).toBe("next");
    expect(gate.inFlight).toBe(0);
  });
});
