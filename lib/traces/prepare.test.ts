import { describe, expect, it } from "vitest";
import { type PreparedTrace, foldById, isRejection, prepareInSteps, prepareTraceItem } from "./prepare";

const ok = (raw: unknown) => {
  const r = prepareTraceItem(raw, 0, new Date("2026-01-01T00:00:00Z"));
  if (isRejection(r)) throw new Error(r.message);
  return r;
};

describe("prepareTraceItem", () => {
  it("accepts ISO times with an offset and epoch milliseconds, and refuses local times", () => {
    const r = ok({ startTime: "2026-03-01T10:00:00+02:00", endTime: 1772352000000 });
    expect(r.trace.start_time).toBe(Date.parse("2026-03-01T08:00:00.000Z"));
    expect(r.trace.end_time).toBe(Date.parse("2026-03-01T08:00:00.000Z"));
    const local = prepareTraceItem({ startTime: "2026-03-01T10:00:00" }, 3);
    expect(local).toMatchObject({ index: 3, code: "validation_failed" });
  });

  it("starts a trace without a start time at its earliest span, or now", () => {
    expect(
      ok({
        spans: [
          { id: "a", name: "a", startTime: 2000 },
          { id: "b", name: "b", startTime: 1000 },
        ],
      }).trace.start_default,
    ).toBe(1000);
    expect(ok({}).trace.start_default).toBe(Date.parse("2026-01-01T00:00:00.000Z"));
    expect(ok({}).trace.start_time).toBeNull();
  });

  it("ignores an own __proto__ key in a trace or a span instead of taking it as a prototype", () => {
    const raw = JSON.parse('{"id":"p","__proto__":{"name":"injected"},"spans":[{"id":"s","name":"real","__proto__":{"model":"injected"}}]}');
    const r = ok(raw);
    expect(r.trace.name).toBeNull();
    expect(r.spans[0]).toMatchObject({ name: "real", model: null });
  });

  it("keeps the last of two spans with the same id", () => {
    expect(
      ok({
        spans: [
          { id: "a", name: "first" },
          { id: "a", name: "second" },
        ],
      }).spans.map((s) => s.name),
    ).toEqual(["second"]);
  });

  it("treats an omitted field as not given", () => {
    const r = ok({ id: "x" });
    expect([r.trace.name, r.trace.input, r.trace.metadata, r.givesContent]).toEqual([null, null, null, false]);
    expect(ok({ id: "x", output: 0 }).givesContent).toBe(true);
  });
});

describe("foldById", () => {
  it("merges items with the same id in order and keeps every item's index", () => {
    const items = [
      ok({ id: "x", name: "a", metadata: { a: 1 } }),
      { ...ok({ id: "x", metadata: { b: 2 }, spans: [{ id: "s", name: "s" }] }), index: 1 },
    ] as PreparedTrace[];
    const { folded, members } = foldById(items);
    expect(folded).toHaveLength(1);
    expect(folded[0].trace).toMatchObject({ name: "a", metadata: { a: 1, b: 2 } });
    expect(folded[0].spans).toHaveLength(1);
    expect(members.get("x")).toEqual([0, 1]);
  });
});

describe("prepareInSteps", () => {
  const now = new Date("2026-11-20T10:00:00Z");
  const items = Array.from({ length: 50 }, (_, i) => (i === 7 ? "not an object" : { id: `t${i}`, name: "answer", input: { q: i } }));

  it("gives what preparing each item at once gives, in order", async () => {
    const stepped = await prepareInSteps(items, now, 16);
    const whole = items.map((raw, index) => prepareTraceItem(raw, index, now));
    // Generated values aside (none here: every item names its id), the results are the same.
    expect(stepped).toEqual(whole);
  });

  it("lets the event loop run between steps, not inside one", async () => {
    let turns = 0;
    let done = false;
    const tick = () => {
      if (done) return;
      turns++;
      setImmediate(tick);
    };
    setImmediate(tick);
    await prepareInSteps(items, now, 16);
    done = true;
    // 50 items in steps of 16: four steps, three pauses between them.
    expect(turns).toBe(3);
  });
});
