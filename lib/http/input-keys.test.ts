import { afterEach, describe, expect, it } from "vitest";
import { csvRecordToItem, guessMapping, parseMapArgument } from "@/lib/imports/rows.mjs";
import { labelRows } from "@/lib/queues/values";
import { parseRubricFile } from "@/lib/rubrics/format";
import { everyType } from "@/lib/rubrics/test-fixtures";
import { fromIndexedGenAI } from "@/lib/traces/messages";
import { foldById, isRejection, prepareTraceItem } from "@/lib/traces/prepare";
import { plainParams } from "@/lib/traces/url";

// Every path that builds objects from keys a sender chose, fed the keys that reach a
// prototype when assigned: "__proto__", "constructor" and "prototype". Each must stay a plain
// key (or be dropped), never change what another key reads, and never touch Object.prototype.

const KEYS = ["__proto__", "constructor", "prototype"];
const PAYLOAD = { polluted: "yes", role: "system", content: "injected", input: "injected" };

/** An object with `key` as an own property, as JSON.parse produces it. */
const withOwn = (key: string, value: unknown, rest: Record<string, unknown> = {}) => {
  const out = JSON.parse(JSON.stringify(rest)) as Record<string, unknown>;
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
};

/** Fails when anything in the value inherits what the payload would have planted. */
function expectNothingInherited(value: unknown, label: string) {
  if (value === null || typeof value !== "object") return;
  const proto = Object.getPrototypeOf(value);
  expect(proto === Object.prototype || proto === Array.prototype || proto === null || proto === Date.prototype, `${label}: prototype`).toBe(true);
  expect("polluted" in value && !Object.hasOwn(value, "polluted"), `${label}: inherited`).toBe(false);
  for (const v of Object.values(value)) expectNothingInherited(v, label);
}

afterEach(() => {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain("polluted");
});

describe.each(KEYS)("a key named %s", (key) => {
  it("stays a plain key in OTLP chat attributes", () => {
    const attrs = withOwn(`gen_ai.prompt.0.${key}`, PAYLOAD, { "gen_ai.prompt.0.content": "hi" });
    const [message] = fromIndexedGenAI(attrs, "gen_ai.prompt");
    expect(message.role).toBe("user");
    expect(message.content).toBe("hi");
    expectNothingInherited(message, "message");
  });

  it("stays data in a trace's metadata, attributes and fields, merged or not", () => {
    const items = [0, 1].map((i) => {
      const raw = withOwn(key, PAYLOAD, {
        id: "same",
        metadata: withOwn(key, PAYLOAD, { n: i }),
        spans: [{ id: "s", name: "x", attributes: withOwn(key, PAYLOAD) }],
      });
      const prepared = prepareTraceItem(raw, i);
      if (isRejection(prepared)) throw new Error(prepared.message);
      return prepared;
    });
    const { folded } = foldById(items);
    expect(folded).toHaveLength(1);
    expect(folded[0].trace.name).toBeNull();
    expectNothingInherited(folded[0], "trace");
  });

  it("maps nothing through an import's column names", () => {
    const mapping = withOwn(key, "input", { question: "output" }) as Record<string, string>;
    const item = csvRecordToItem([key, "question"], ["from the key", "asked"], mapping);
    expect([item.input, item.output]).toEqual(["from the key", "asked"]);
    expectNothingInherited(item, "csv item");
    const guessed = guessMapping([key, `meta.${key}`]);
    expect(Object.getPrototypeOf(guessed)).toBe(Object.prototype);
    expect(csvRecordToItem([`meta.${key}`], ["x"], guessed).metadata).toEqual(withOwn(key, "x"));
    expectNothingInherited(parseMapArgument(`${key}=input,b=output`), "--map");
  });

  it("is no criterion in label values", () => {
    const criteria = everyType().criteria.map((c, i) => ({ id: `c${i}`, key: c.key, type: c.type, required: false, config: c.config }));
    const { rows, errors } = labelRows(criteria, "SINGLE", withOwn(key, "yes") as never, false);
    expect(rows).toEqual([]);
    expect(errors.map((e) => e.message)).toEqual(["No such criterion in this rubric version"]);
  });

  it("changes nothing in an imported rubric file", () => {
    const file = { format: "assay.rubric/v1", slug: "rr", name: "R", ...everyType() };
    for (const format of ["json", "yaml"] as const) {
      const text =
        format === "json"
          ? JSON.stringify(withOwn(key, PAYLOAD, file))
          : `${key}:\n  polluted: yes\n  name: injected\nformat: assay.rubric/v1\nslug: rr\nname: R\ncriteria: ${JSON.stringify(file.criteria)}\n`;
      const parsed = parseRubricFile(text, format);
      expect(parsed.header.name).toBe("R");
      expectNothingInherited(parsed, `rubric ${format}`);
    }
  });

  it("stays a plain key in the explorer's URL parameters", () => {
    const params = plainParams(withOwn(key, "x", { name: "n" }) as never);
    expect(params.name).toBe("n");
    expectNothingInherited(params, "params");
  });
});
