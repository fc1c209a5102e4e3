import { describe, expect, it } from "vitest";
import { csvRows, jsonlLines } from "./parse";
import { csvRecordToItem, guessMapping, parseMapArgument, withDefaultId } from "./rows.mjs";

async function* pieces(text: string, size: number): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe("jsonlLines", () => {
  it("splits across piece boundaries, keeps multi-byte characters whole, and reports where each line ends", async () => {
    const text = '\ufeff{"a":"é😀"}\r\n\n{"b":2}';
    const lines = await collect(jsonlLines(pieces(text, 3), { offset: 0, line: 0 }));
    expect(lines.map((l) => [l.line, l.text])).toEqual([
      [1, '{"a":"é😀"}'],
      [2, ""],
      [3, '{"b":2}'],
    ]);
    expect(lines[2].end).toBe(Buffer.byteLength(text));
    const resumed = await collect(jsonlLines(pieces(text.slice(0), 5), { offset: 0, line: 0 }));
    expect(resumed.map((l) => l.end)).toEqual(lines.map((l) => l.end));
  });

  it("drops a line over the limit without holding it, and goes on with the next", async () => {
    const text = `${"x".repeat(50)}\n{"ok":1}\n`;
    const lines = await collect(jsonlLines(pieces(text, 7), { offset: 0, line: 0 }, 20));
    expect(lines.map((l) => [l.line, l.text])).toEqual([
      [1, null],
      [2, '{"ok":1}'],
    ]);
  });
});

describe("csvRows", () => {
  it("gives the byte after each row, so reading can resume there", async () => {
    const text = 'a,b\n1,"x\ny"\n2,3\n';
    const rows = await collect(csvRows(pieces(text, 4), 0));
    expect(rows.map((r) => r.record)).toEqual([
      ["a", "b"],
      ["1", "x\ny"],
      ["2", "3"],
    ]);
    const rest = await collect(csvRows(pieces(text.slice(rows[1].end), 4), rows[1].end));
    expect(rest).toEqual([rows[2]]);
  });
});

describe("CSV rows to items", () => {
  it("guesses by header names and maps cells to fields", () => {
    const header = ["ID", "Prompt", "Response", "meta.team", "Tags", "__proto__"];
    const mapping = guessMapping(header);
    expect(mapping).toEqual({ ID: "id", Prompt: "input", Response: "output", "meta.team": "metadata.team", Tags: "tags" });
    const item = csvRecordToItem(header, ["t1", '{"q":1}', "{broken", "search", "a, b,", "x"], mapping);
    expect(item).toEqual({ id: "t1", input: { q: 1 }, output: "{broken", metadata: { team: "search" }, tags: ["a", "b"] });
  });

  it("parses --map and refuses unknown fields", () => {
    expect(parseMapArgument("q=input,a=output,x=metadata.k")).toEqual({ q: "input", a: "output", x: "metadata.k" });
    expect(() => parseMapArgument("q=inputs")).toThrow(/Unknown field/);
  });

  it("gives rows without an id a deterministic one and leaves given ids alone", () => {
    expect(withDefaultId({ name: "n" }, "imp", 7)).toEqual({ name: "n", id: "imp:7" });
    expect(withDefaultId({ id: "mine" }, "imp", 7)).toEqual({ id: "mine" });
  });
});
