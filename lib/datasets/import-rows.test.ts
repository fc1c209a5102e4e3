import { describe, expect, it } from "vitest";
import { csvColumns, csvRow, jsonlRow, rowPortableId } from "./import-rows";

describe("dataset import rows", () => {
  it("gives a row without a portable id the same UUID each time, different per line and import", () => {
    const id = rowPortableId("import-1", 7);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(rowPortableId("import-1", 7)).toBe(id);
    expect(new Set([id, rowPortableId("import-1", 8), rowPortableId("import-2", 7)]).size).toBe(3);
  });

  it("keeps a JSONL line's portable id and lineage, null included, and names a bad lineage field", () => {
    const line = { portableId: "11111111-1111-4111-8111-111111111111", input: "q", lineage: null };
    expect(jsonlRow(JSON.stringify(line), "i", 1)).toEqual({ candidate: { raw: { portableId: line.portableId, input: "q" }, lineage: null } });
    const fresh = jsonlRow(JSON.stringify({ input: "q" }), "i", 2);
    expect(fresh).toEqual({ candidate: { raw: { portableId: rowPortableId("i", 2), input: "q" }, lineage: undefined } });
    const bad = jsonlRow(JSON.stringify({ input: "q", lineage: { via: "mail" } }), "i", 3);
    expect("error" in bad && bad.error.message).toContain("lineage.");
    expect(jsonlRow("[1]", "i", 4)).toEqual({ error: { code: "validation_failed", message: "A line holds one JSON object" } });
    expect("error" in jsonlRow("{nope", "i", 5) && jsonlRow("{nope", "i", 5)).toMatchObject({ error: { code: "invalid_json" } });
  });

  it("reads CSV columns by name whatever their spelling, JSON cells as JSON, lists by separator, and undoes the formula guard", () => {
    const columns = csvColumns(["Input", "expectedOutput", "SPLITS", "tags", "metadata", "preferred output", "rejected_output", "extra"]);
    const row = csvRow(columns, ["'=1+1", '{"answer": 2}', "test|eval.hard", '["a","b"]', '{"k": 1}', "", "", "ignored"], "i", 2, "|");
    expect(row).toEqual({
      candidate: {
        raw: {
          portableId: rowPortableId("i", 2),
          input: "=1+1",
          expectedOutput: { answer: 2 },
          preference: null,
          metadata: { k: 1 },
          splits: ["test", "eval.hard"],
          tags: ["a", "b"],
          exact: false,
        },
      },
    });
    const pair = csvRow(columns, ["q", "", "", "", "", "yes", "no", ""], "i", 3, ",");
    expect("candidate" in pair && pair.candidate.raw).toMatchObject({ expectedOutput: null, preference: { preferred: "yes", rejected: "no" } });
    expect(() => csvColumns(["question", "answer"])).toThrow(/no input column/);
  });
});
