import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// `scores` has one owner: lib/scores. Any SQL text or Prisma call on the table elsewhere is a
// second place where "which revision is current" or the typed columns could be decided, so
// this test lists every such place outside the owner.

const ROOT = path.resolve(__dirname, "../..");
const SCANNED = ["app", "components", "lib", "cli", "scripts"];
const SKIPPED_DIRS = new Set(["node_modules", "generated", ".next"]);

const OWNER = "lib/scores/";
// Writes demo data through Prisma before any service exists to call; seeding is not a reader.
const ALLOWED = new Set(["lib/seed/demo.ts"]);

const PATTERNS: [string, RegExp][] = [
  ["SQL on scores", /\b(FROM|INTO|UPDATE|JOIN)\s+"?scores"?\b/i],
  ["Prisma score delegate", /\.score\.\w+\(/],
  ["Prisma scores relation", /\bscores:\s*(true|\{\s*(select|where|some|every|none|include|orderBy)\b)/],
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) ? [] : sourceFiles(full);
    return /\.(ts|tsx|mts|mjs|js)$/.test(entry.name) ? [full] : [];
  });
}

function offenders(root: string): string[] {
  const found: string[] = [];
  for (const top of SCANNED) {
    for (const file of sourceFiles(path.join(root, top))) {
      const rel = path.relative(root, file).split(path.sep).join("/");
      if (rel.startsWith(OWNER) || ALLOWED.has(rel)) continue;
      const lines = readFileSync(file, "utf8").split("\n");
      lines.forEach((line, i) => {
        for (const [what, re] of PATTERNS) if (re.test(line)) found.push(`${rel}:${i + 1}: ${what}`);
      });
    }
  }
  return found;
}

describe("ownership of the scores table", () => {
  it("has no SQL or Prisma call on scores outside lib/scores", () => {
    expect(offenders(ROOT)).toEqual([]);
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
