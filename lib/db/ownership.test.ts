import { describe, expect, it } from "vitest";
import { REPOSITORY_ROOT, sourceOffenders } from "@/tests/helpers/source-scan";

// Transactions have one owner: lib/db/transaction.ts, which retries deadlock and
// serialization victims and returns broken connections destroyed. A BEGIN written by hand,
// a direct `$transaction(` or a home-made transaction function elsewhere would skip both,
// so this test lists every such place outside lib/db. Test files are scanned too: none
// needs its own transaction.

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

describe("ownership of transactions", () => {
  it("has no transaction opened outside lib/db", () => {
    expect(sourceOffenders(REPOSITORY_ROOT, PATTERNS, (rel) => rel.startsWith(OWNER))).toEqual([]);
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
