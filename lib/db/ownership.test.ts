import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Transactions have one owner: lib/db/transaction.ts, which retries deadlock and
// serialization victims and returns broken connections destroyed. A BEGIN written by hand,
// a direct `$transaction(` or a home-made transaction function elsewhere would skip both,
// so this test lists every such place outside lib/db. Test files are scanned too: none
// needs its own transaction.

const ROOT = path.resolve(__dirname, "../..");
const SCANNED = ["app", "components", "lib", "cli", "scripts"];
const SKIPPED_DIRS = new Set(["node_modules", "generated", ".next"]);
const OWNER = "lib/db/";

const PATTERNS: [string, RegExp][] = [
  // Upper case anywhere in a string; lower case only where a query is sent, so "Begin" in a label is not one.
  [
    "SQL transaction statement",
    /["'`]\s*(BEGIN|COMMIT|ROLLBACK|START\s+TRANSACTION|SAVEPOINT)\b|\.query\(\s*["'`]\s*(begin|commit|rollback|start\s+transaction|savepoint)\b/,
  ],
  ["Prisma $transaction call", /\$transaction\s*\(/],
  ["transaction function", /\b(function\s+|(const|let)\s+)\w*[Tt]ransaction\w*\s*(=|\(|<)/],
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
      if (rel.startsWith(OWNER)) continue;
      readFileSync(file, "utf8")
        .split("\n")
        .forEach((line, i) => {
          for (const [what, re] of PATTERNS) if (re.test(line)) found.push(`${rel}:${i + 1}: ${what}`);
        });
    }
  }
  return found;
}

describe("ownership of transactions", () => {
  it("has no transaction opened outside lib/db", () => {
    expect(offenders(ROOT)).toEqual([]);
  });

  it("would notice one", () => {
    const [statement, prisma, helper] = PATTERNS.map(([, re]) => re);
    expect(statement.test('await client.query("BEGIN");')).toBe(true);
    expect(statement.test("await client.query('begin isolation level serializable')")).toBe(true);
    expect(statement.test("await c.query(`COMMIT`)")).toBe(true);
    expect(statement.test('client.query("ROLLBACK").catch(() => {})')).toBe(true);
    expect(prisma.test("return db.$transaction(async (tx) => {")).toBe(true);
    expect(prisma.test("await db().$transaction([")).toBe(true);
    expect(helper.test("async function withTransaction(pool, fn) {")).toBe(true);
    expect(helper.test("const inTransaction = async (fn) => {")).toBe(true);
    expect(statement.test('<Button label="Begin labeling" />')).toBe(false);
    expect(prisma.test("prismaTransaction(db, async (tx) => {")).toBe(false);
    expect(helper.test('import { transaction } from "@/lib/db/transaction";')).toBe(false);
  });
});
