import { Ajv } from "ajv";
import { parse as parseCsv } from "csv-parse/sync";
import { unzipSync, strFromU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { canonicalText, contentChecksum, type TItemContent } from "@/lib/datasets/content";
import { parseAssayLine } from "./assay-jsonl";
import { DATASET_CSV_COLUMNS } from "./csv";
import { CONTEXT, ITEMS } from "./fixtures";
import { featureOf, hfZip } from "./hf";
import { LINE_FORMATS, encodeAll } from "./index";
import { evalsItemSchema } from "./openai";

const encode = (name: keyof typeof LINE_FORMATS) => encodeAll(LINE_FORMATS[name], ITEMS, CONTEXT);
const jsonLines = (text: string) =>
  text
    .trimEnd()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, never>);

describe("dataset export formats, each parsed back", () => {
  it("jsonl: lossless (splits and tags are sets), so items read back have the same content checksum", () => {
    const { text, written } = encode("jsonl");
    expect(written).toBe(ITEMS.length);
    const lines = text.trimEnd().split("\n");
    const back = lines.map(parseAssayLine);
    expect(back).toEqual(ITEMS.map((item) => ({ ...item, splits: [...item.splits].sort(), tags: [...item.tags].sort() })));
    expect(contentChecksum(back)).toBe(contentChecksum(ITEMS));
    // Each line is the item's canonical JSON, the text its checksum hashes.
    expect(lines).toEqual(ITEMS.map(canonicalText));
    expect(lines[1]).toContain(`"splits":["test","train"]`);
  });

  it("csv: one row per item, structured cells as JSON, and formula-looking text neutralized", () => {
    const rows = parseCsv(encode("csv").text, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0])).toEqual([...DATASET_CSV_COLUMNS]);
    expect(rows).toHaveLength(ITEMS.length);
    expect(rows[0]).toMatchObject({ portableId: ITEMS[0].portableId, input: "What is the capital of France?", expectedOutput: "Paris", exact: "true" });
    expect(JSON.parse(rows[1].splits)).toEqual(["train", "test"]);
    expect(JSON.parse(rows[1].expectedOutput)).toEqual(ITEMS[1].expectedOutput);
    expect(rows[2].input).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(rows[2].expectedOutput).toBe("'-1+1|cmd");
    expect(JSON.parse(rows[2].metadata)).toEqual({ note: "@SUM(A1)" });
    expect(rows[3]).toMatchObject({ preferredOutput: "Refunds within 30 days with a receipt.", expectedOutput: "" });
    expect(JSON.parse(rows[0].labels)[0]).toMatchObject({ criterionKey: "correct", value: true });
  });

  it("openai-chat: the conversation with the expected output as the last assistant turn; items without one left out", () => {
    const { text, written, skipped } = encode("openai-chat");
    expect([written, skipped]).toEqual([4, 1]);
    const lines = jsonLines(text);
    expect(lines[0]).toEqual({
      messages: [
        { role: "user", content: "What is the capital of France?" },
        { role: "assistant", content: "Paris" },
      ],
    });
    expect(lines[1].messages).toEqual([
      { role: "system", content: "You help with file sharing." },
      { role: "user", content: "How do I share a folder?" },
      { role: "assistant", content: "Open the folder, choose Share and add their email." },
    ]);
    expect((lines[3].messages as { content: string }[]).at(-1)).toEqual({ role: "assistant", content: "Refunds within 30 days with a receipt." });
  });

  it("openai-preference: input messages with preferred and non-preferred assistant turns, pairs only", () => {
    const { text, written } = encode("openai-preference");
    expect(written).toBe(1);
    expect(jsonLines(text)[0]).toEqual({
      input: { messages: [{ role: "user", content: "Summarize the refund policy." }] },
      preferred_output: [{ role: "assistant", content: "Refunds within 30 days with a receipt." }],
      non_preferred_output: [{ role: "assistant", content: "No refunds, ever." }],
    });
  });

  it("openai-evals: one {item} per line, each valid against the item_schema given with it", () => {
    const lines = jsonLines(encode("openai-evals").text);
    expect(lines).toHaveLength(ITEMS.length);
    const validate = new Ajv({ strict: true, allowUnionTypes: true }).compile(evalsItemSchema(CONTEXT));
    for (const line of lines) expect(validate(line.item), JSON.stringify(validate.errors)).toBe(true);
    expect(lines[0].item).toMatchObject({ id: ITEMS[0].portableId, input: "What is the capital of France?", expected_output: "Paris", splits: ["test"] });
    const schema = evalsItemSchema({ dataset: { ...CONTEXT.dataset, inputSchema: { type: "string" } } });
    expect(new Ajv({ allowUnionTypes: true }).compile(schema)(lines[1].item)).toBe(false);
  });

  it("promptfoo: test cases with string vars, equals for exact text, llm-rubric with the criterion and a reference otherwise", () => {
    const tests = parseYaml(encode("promptfoo").text) as Record<string, never>[];
    expect(tests).toHaveLength(ITEMS.length);
    for (const test of tests) {
      expect(Object.keys(test).sort()).toEqual(["assert", "description", "metadata", "vars"]);
      for (const value of Object.values(test.vars as Record<string, unknown>)) expect(typeof value).toBe("string");
    }
    expect(tests[0].vars).toEqual({ input: "What is the capital of France?" });
    expect(tests[0].assert).toEqual([{ type: "equals", value: "Paris" }]);
    const rubric = (tests[1].assert as { type: string; value: string }[])[0];
    expect(rubric.type).toBe("llm-rubric");
    expect(rubric.value).toContain("Reference answer:\nOpen the folder, choose Share and add their email.");
    expect(tests[1].vars).toMatchObject({ input: "How do I share a folder?" });
    expect(tests[4].vars).toEqual({ customer: "ACME", request: '{"kind":"invoice","id":42}' });
    expect(tests[4].assert).toEqual([]);
    expect(tests[0].metadata).toMatchObject({ portableId: ITEMS[0].portableId, topic: "geography", splits: "test" });
    expect(JSON.parse(encode("promptfoo-json").text)).toEqual(tests);
    expect(parseYaml(encodeAll(LINE_FORMATS.promptfoo, [], CONTEXT).text)).toEqual([]);
  });

  it("mlflow: inputs always an object, expected_response and each criterion's value under expectations", () => {
    const lines = jsonLines(encode("mlflow").text);
    expect(lines[0]).toEqual({ inputs: { question: "What is the capital of France?" }, expectations: { correct: true, expected_response: "Paris" } });
    expect(lines[1]).toEqual({
      inputs: ITEMS[1].input,
      expectations: { helpfulness: 4, expected_response: "Open the folder, choose Share and add their email." },
    });
    expect(lines[3].inputs).toEqual({ messages: ITEMS[3].input });
    expect(lines[4]).toEqual({ inputs: ITEMS[4].input, expectations: {} });
    for (const line of lines) expect(typeof line.inputs === "object" && !Array.isArray(line.inputs)).toBe(true);
  });
});

async function unzip(chunks: AsyncIterable<Uint8Array>): Promise<Record<string, string>> {
  const parts: Uint8Array[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  const files = unzipSync(Buffer.concat(parts));
  return Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, strFromU8(bytes)]));
}

async function* from(items: TItemContent[]) {
  yield* items;
}

describe("the Hugging Face export", () => {
  const splitNames = ["dev", "test", "train", "unsplit"];
  const splits = splitNames.map((name) => ({
    name,
    items: () => from(ITEMS.filter((i) => (name === "unsplit" ? i.splits.length === 0 : i.splits.includes(name)))),
  }));

  it("zips one JSONL file per split and a card declaring them, their sizes and expert-generated annotations", async () => {
    const files = await unzip(hfZip(CONTEXT, splits));
    expect(Object.keys(files).sort()).toEqual(["README.md", "data/dev.jsonl", "data/test.jsonl", "data/train.jsonl", "data/unsplit.jsonl"]);
    const test = jsonLines(files["data/test.jsonl"]);
    expect(test.map((r) => r.id)).toEqual([ITEMS[0].portableId, ITEMS[1].portableId, ITEMS[3].portableId]);
    // No schema declared: every value of a column is a string (or null), whatever its JSON shape.
    for (const name of splitNames)
      for (const row of jsonLines(files[`data/${name}.jsonl`])) {
        expect(typeof row.input).toBe("string");
        expect(row.expected_output === null || typeof row.expected_output === "string").toBe(true);
      }
    const [, front, prose] = files["README.md"].split(/^---$/m);
    const card = parseYaml(front) as Record<string, never>;
    expect(card.annotations_creators).toEqual(["expert-generated"]);
    expect(card.configs).toEqual([{ config_name: "default", data_files: splitNames.map((s) => ({ split: s, path: `data/${s}.jsonl` })) }]);
    const sizes = (card.dataset_info as { splits: { name: string; num_examples: number; num_bytes: number }[] }).splits;
    expect(sizes.map((s) => [s.name, s.num_examples])).toEqual([
      ["dev", 1],
      ["test", 3],
      ["train", 1],
      ["unsplit", 1],
    ]);
    expect(sizes[1].num_bytes).toBe(Buffer.byteLength(files["data/test.jsonl"]));
    expect(prose).toContain("α 0.812");
    expect(prose).toContain("3 expert raters");
    expect(prose).toContain("support-quality v2");
  });

  it("writes values as they are where the dataset declares a schema, with features from it", async () => {
    const inputSchema = {
      type: "object",
      properties: { question: { type: "string" }, n: { type: "integer" }, tags: { type: "array", items: { type: "string" } } },
    };
    expect(featureOf(inputSchema)).toEqual({
      struct: [
        { name: "question", dtype: "string" },
        { name: "n", dtype: "int64" },
        { name: "tags", list: "string" },
      ],
    });
    const ctx = { ...CONTEXT, dataset: { ...CONTEXT.dataset, inputSchema } };
    const files = await unzip(hfZip(ctx, [{ name: "dev", items: () => from([ITEMS[2]]) }]));
    expect(jsonLines(files["data/dev.jsonl"])[0].input).toEqual(ITEMS[2].input);
  });
});
