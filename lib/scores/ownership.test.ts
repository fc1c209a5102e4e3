import { describe, expect, it } from "vitest";
import { REPOSITORY_ROOT, sourceOffenders } from "@/tests/helpers/source-scan";

// `scores` has one owner: lib/scores. Any SQL text or Prisma call on the table elsewhere is a
// second place where "which revision is current" or the typed columns could be decided, so
// this test lists every such place outside the owner.

const OWNER = "lib/scores/";
// Writes demo data through Prisma before any service exists to call; seeding is not a reader.
const ALLOWED = new Set(["lib/seed/demo.ts"]);

const PATTERNS: [string, RegExp][] = [
  ["SQL on scores", /\b(FROM|INTO|UPDATE|JOIN)\s+"?scores"?\b/i],
  ["Prisma score delegate", /\.score\.\w+\(/],
  ["Prisma scores relation", /\bscores:\s*(true|\{\s*(select|where|some|every|none|include|orderBy)\b)/],
];

describe("ownership of the scores table", () => {
  it("has no SQL or Prisma call on scores outside lib/scores", () => {
    expect(sourceOffenders(REPOSITORY_ROOT, PATTERNS, (rel) => rel.startsWith(OWNER) || ALLOWED.has(rel))).toEqual([]);
  });

  it("would notice one", () => {
    const [sql, prisma, relation] = PATTERNS.map(([, re]) => re);
    expect(sql.test("SELECT 1 FROM scores s WHERE")).toBe(true);
    expect(sql.test('INSERT INTO "scores" (id)')).toBe(true);
    expect(sql.test("LEFT JOIN scores sc ON")).toBe(true);
    expect(prisma.test("await tx.score.findMany({")).toBe(true);
    expect(relation.test("_count: { select: { scores: true } }")).toBe(true);
    expect(sql.test("scores from the API")).toBe(false);
    expect(relation.test("scores: scores.map((s) => s)")).toBe(false);
  });
});
