import { describe, expect, it } from "vitest";
import { diffMarkdown } from "./diff-markdown";
import { type TDiffItem, fieldChanges } from "./field-diff";
import type { TDatasetDiff } from "./schemas";

const item = (extra: Partial<TDiffItem> = {}): TDiffItem => ({
  input: "q",
  expectedOutput: { text: "old", score: 1 },
  preference: null,
  metadata: {},
  splits: ["test"],
  tags: [],
  exact: false,
  lineage: null,
  ...extra,
});

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

describe("fieldChanges", () => {
  it("names each change by a JSON Pointer: objects by key, arrays by position, sets whole", () => {
    const from = item({ metadata: { "a/b": 1, "t~": [1, 2, 3], gone: true }, splits: ["test", "dev"], tags: ["x"] });
    const to = item({
      expectedOutput: { text: "new", score: 1 },
      metadata: { "a/b": 2, "t~": [1, 5], fresh: null },
      splits: ["dev", "test"],
      tags: ["x", "y"],
      exact: true,
    });
    expect(fieldChanges(from, to)).toEqual([
      { path: "/expectedOutput/text", op: "replace", from: "old", to: "new" },
      { path: "/metadata/a~1b", op: "replace", from: 1, to: 2 },
      { path: "/metadata/fresh", op: "add", to: null },
      { path: "/metadata/gone", op: "remove", from: true },
      { path: "/metadata/t~0/1", op: "replace", from: 2, to: 5 },
      { path: "/metadata/t~0/2", op: "remove", from: 3 },
      { path: "/tags", op: "replace", from: ["x"], to: ["x", "y"] },
      { path: "/exact", op: "replace", from: false, to: true },
    ]);
  });

  it("compares lineage deeply, and a value becoming another type is replaced whole", () => {
    const lineage = {
      traceId: "t1",
      spanId: null,
      traceBId: null,
      queueId: null,
      queueItemId: null,
      labels: [],
      via: "api",
      gateOverride: null,
      redacted: null,
    };
    const from = item({ lineage: lineage as TDiffItem["lineage"], input: { q: "a" } });
    const to = item({ lineage: { ...lineage, redacted: "erased" } as TDiffItem["lineage"], input: "a" });
    expect(fieldChanges(from, to)).toEqual([
      { path: "/input", op: "replace", from: { q: "a" }, to: "a" },
      { path: "/lineage/redacted", op: "replace", from: null, to: "erased" },
    ]);
    expect(fieldChanges(from, from)).toEqual([]);
  });
});

describe("diffMarkdown", () => {
  const content = item() as TDatasetDiff["added"][number]["item"];
  const diff: TDatasetDiff = {
    from: { number: 3, checksum: "sha256:aaa", tags: ["prod"] },
    to: { number: 5, checksum: "sha256:bbb", tags: [] },
    summary: { added: 3, removed: 1, changed: 2, unchanged: 10 },
    added: [1, 2, 3].map((n) => ({ portableId: id(n), item: content })),
    removed: [{ portableId: id(4), item: content }],
    changed: [
      { portableId: id(5), fromRevision: 1, toRevision: 2, fields: [{ path: "/expectedOutput/text", op: "replace", from: "a", to: "b" }] },
      {
        portableId: id(6),
        fromRevision: 2,
        toRevision: 4,
        fields: ["/a", "/b", "/c", "/d", "/e", "/f", "/g"].map((path) => ({ path: `/metadata${path}`, op: "add" as const, to: 1 })),
      },
    ],
    nextCursor: null,
  };

  it("has a heading, the counts, and each list's portable ids with the changed paths", () => {
    expect(diffMarkdown(diff, "support-golden", 2)).toBe(
      [
        "## support-golden: v3 (prod) → v5",
        "",
        "| added | removed | changed | unchanged |",
        "| ---: | ---: | ---: | ---: |",
        "| 3 | 1 | 2 | 10 |",
        "",
        "Checksums `sha256:aaa` → `sha256:bbb`.",
        "",
        "### Changed",
        "",
        `- \`${id(5)}\` r1 → r2: \`/expectedOutput/text\``,
        `- \`${id(6)}\` r2 → r4: \`/metadata/a\`, \`/metadata/b\`, \`/metadata/c\`, \`/metadata/d\`, \`/metadata/e\` and 2 more`,
        "",
        "### Added",
        "",
        `- \`${id(1)}\``,
        `- \`${id(2)}\``,
        "- … and 1 more",
        "",
        "### Removed",
        "",
        `- \`${id(4)}\``,
        "",
      ].join("\n"),
    );
  });

  it("counts what a partial page leaves out, and says when the content is the same", () => {
    const page = { ...diff, added: diff.added.slice(0, 1), removed: [], changed: [] };
    const text = diffMarkdown(page, "d");
    expect(text).toContain("### Changed\n\n- … and 2 more");
    expect(text).toContain(`- \`${id(1)}\`\n- … and 2 more`);
    const same = {
      ...diff,
      to: { ...diff.from, number: 4 },
      summary: { added: 0, removed: 0, changed: 0, unchanged: 16 },
      added: [],
      removed: [],
      changed: [],
    };
    expect(diffMarkdown(same, "d")).toBe(
      "## d: v3 (prod) → v4 (prod)\n\n| added | removed | changed | unchanged |\n| ---: | ---: | ---: | ---: |\n| 0 | 0 | 0 | 16 |\n\nSame content: checksum `sha256:aaa`.\n",
    );
  });
});
