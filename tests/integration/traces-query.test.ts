import { beforeAll, describe, expect, it } from "vitest";
import type { ProjectContext } from "@/lib/auth/context";
import { db } from "@/lib/db/client";
import { listSql, listTraces } from "@/lib/traces/query";
import { type TTraceListQuery, ZTraceListQuery } from "@/lib/traces/schemas";
import { type TestProject, makeProject } from "@/tests/helpers/fixtures";
import { memberContext, seedTraces } from "@/tests/helpers/traces";

// The explorer's query against a real Postgres: each filter, keyset pagination through ties
// on start_time, and never another project's traces.

let home: TestProject;
let other: TestProject;
let ctx: ProjectContext;
const at = (minute: number) => new Date(Date.UTC(2026, 9, 1, 8, minute));

beforeAll(async () => {
  home = await makeProject();
  other = await makeProject();
  ctx = await memberContext(home, "VIEWER");
  await seedTraces(home.id, [
    {
      externalId: "a",
      startTime: at(1),
      name: "support-chat",
      tags: ["billing"],
      release: "v1",
      promptVersion: "p1",
      sessionId: "s1",
      endUserId: "u1",
      metadata: { channel: "web", tier: 3 },
      model: "gpt-4o-mini",
      scores: [{ name: "thumbs", value: 0 }],
    },
    {
      externalId: "b",
      startTime: at(2),
      name: "support-chat",
      tags: ["billing", "escalated"],
      release: "v2",
      promptVersion: "p2",
      sessionId: "s1",
      endUserId: "u2",
      metadata: { channel: "mobile" },
      model: "gpt-4.1-mini",
      scores: [{ name: "thumbs", value: 1 }],
    },
    {
      externalId: "c",
      startTime: at(3),
      name: "summarize",
      tags: ["sync"],
      release: "v2",
      sessionId: "s2",
      endUserId: "u1",
      metadata: { channel: "web", beta: true },
      scores: [{ name: "topic", value: "refund" }],
      output: { role: "assistant", content: "Your refund is on its way <script>alert('x')</script>" },
    },
    { externalId: "d", startTime: at(4), name: "support-chat", input: { messages: [{ role: "user", content: "Where are my invoices?" }] } },
  ]);
  // Same names, tags and terms in another project: a filter must never reach them.
  await seedTraces(other.id, [
    {
      externalId: "a",
      startTime: at(5),
      name: "support-chat",
      tags: ["billing"],
      release: "v1",
      metadata: { channel: "web" },
      model: "gpt-4o-mini",
      scores: [{ name: "thumbs", value: 0 }],
      output: { content: "refund invoices" },
    },
  ]);
});

async function ids(query: Record<string, string>, context = ctx): Promise<string[]> {
  const page = await listTraces(db(), context, ZTraceListQuery.parse(query));
  return page.items.map((t) => t.externalId);
}

describe("trace list filters", () => {
  it("lists the project's traces newest first, and no other project's", async () => {
    expect(await ids({})).toEqual(["d", "c", "b", "a"]);
  });

  it("filters by time range, inclusive at both ends", async () => {
    expect(await ids({ from: at(2).toISOString(), to: at(3).toISOString() })).toEqual(["c", "b"]);
    expect(await ids({ from: "2026-10-01T08:04" })).toEqual(["d"]);
  });

  it("filters by name, release, prompt version, session and end user", async () => {
    expect(await ids({ name: "summarize" })).toEqual(["c"]);
    expect(await ids({ release: "v2" })).toEqual(["c", "b"]);
    expect(await ids({ promptVersion: "p1" })).toEqual(["a"]);
    expect(await ids({ sessionId: "s1" })).toEqual(["b", "a"]);
    expect(await ids({ userId: "u1" })).toEqual(["c", "a"]);
    expect(await ids({ name: "support-chat", userId: "u1" })).toEqual(["a"]);
  });

  it("filters by tags, requiring every tag given", async () => {
    expect(await ids({ tags: "billing" })).toEqual(["b", "a"]);
    expect(await ids({ tags: "billing,escalated" })).toEqual(["b"]);
    expect(await ids({ tags: "nope" })).toEqual([]);
  });

  it("filters by a metadata key and value, reading numbers and booleans too", async () => {
    expect(await ids({ metaKey: "channel", metaValue: "web" })).toEqual(["c", "a"]);
    expect(await ids({ metaKey: "tier", metaValue: "3" })).toEqual(["a"]);
    expect(await ids({ metaKey: "beta", metaValue: "true" })).toEqual(["c"]);
    expect(await ids({ metaKey: "channel", metaValue: "fax" })).toEqual([]);
  });

  it("filters by the model of a span", async () => {
    expect(await ids({ model: "gpt-4o-mini" })).toEqual(["a"]);
    expect(await ids({ model: "gpt-4.1-mini" })).toEqual(["b"]);
  });

  it("filters by having a score, and by its value", async () => {
    expect(await ids({ scoreName: "thumbs" })).toEqual(["b", "a"]);
    expect(await ids({ scoreName: "thumbs", scoreValue: "0" })).toEqual(["a"]);
    expect(await ids({ scoreName: "topic", scoreValue: "refund" })).toEqual(["c"]);
    expect(await ids({ scoreName: "thumbs", scoreValue: "0.5" })).toEqual([]);
  });

  it("searches the text of input and output, including text after a <script> tag", async () => {
    expect(await ids({ q: "invoices" })).toEqual(["d"]);
    expect(await ids({ q: "refund" })).toEqual(["c"]);
    expect(await ids({ q: "alert" })).toEqual(["c"]);
    expect(await ids({ q: "question" })).toEqual(["c", "b", "a"]);
    expect(await ids({ q: '"your refund"' })).toEqual(["c"]);
    expect(await ids({ q: "question -b" })).toEqual(["c", "a"]);
    // Keys of the JSON are not content.
    expect(await ids({ q: "role" })).toEqual([]);
  });

  it("combines filters with AND", async () => {
    expect(await ids({ tags: "billing", scoreName: "thumbs", scoreValue: "1", release: "v2" })).toEqual(["b"]);
    expect(await ids({ tags: "billing", release: "v2", model: "gpt-4o-mini" })).toEqual([]);
  });

  it("refuses a role without traces:read and a forged cursor", async () => {
    await expect(ids({}, await memberContext(home, "EXPERT"))).rejects.toMatchObject({ code: "forbidden" });
    await expect(ids({ cursor: "bm90IGEgY3Vyc29y" })).rejects.toMatchObject({ code: "validation_failed" });
  });
});

describe("full-text search documents", () => {
  let project: TestProject;
  let sctx: ProjectContext;
  beforeAll(async () => {
    project = await makeProject();
    sctx = await memberContext(project, "VIEWER");
    // Over 100,000 bytes of JSON: indexed through the capped text, so the trace is still
    // accepted and its beginning stays searchable.
    const long = `zucchini ${"filler ".repeat(20_000)}quince`;
    await seedTraces(project.id, [
      { externalId: "plain", startTime: at(1), input: "a bare string with <b>bold</b> kiwi", output: ["listed", { deep: { deeper: "fig" } }, 42, true] },
      { externalId: "long", startTime: at(2), input: { content: long }, output: { content: "short answer" } },
      { externalId: "split", startTime: at(3), input: { a: "first half", b: "second half" } },
    ]);
  });

  it("indexes string documents, nested values and text after '<', not numbers or keys", async () => {
    expect(await ids({ q: "kiwi" }, sctx)).toEqual(["plain"]);
    expect(await ids({ q: "bold" }, sctx)).toEqual(["plain"]);
    expect(await ids({ q: "fig" }, sctx)).toEqual(["plain"]);
    expect(await ids({ q: "listed" }, sctx)).toEqual(["plain"]);
    expect(await ids({ q: "42" }, sctx)).toEqual([]);
    expect(await ids({ q: "deeper" }, sctx)).toEqual([]);
  });

  it("keeps an oversized document searchable up to the cap", async () => {
    expect(await ids({ q: "zucchini" }, sctx)).toEqual(["long"]);
    expect(await ids({ q: "short" }, sctx)).toEqual(["long"]);
    expect(await ids({ q: "quince" }, sctx)).toEqual([]);
  });

  it("matches a phrase inside one value, not across two", async () => {
    expect(await ids({ q: '"first half"' }, sctx)).toEqual(["split"]);
    expect(await ids({ q: '"half second"' }, sctx)).toEqual([]);
    expect(await ids({ q: "half second" }, sctx)).toEqual(["split"]);
  });
});

describe("keyset pagination", () => {
  let project: TestProject;
  let pctx: ProjectContext;
  beforeAll(async () => {
    project = await makeProject();
    pctx = await memberContext(project, "ENGINEER");
    // Seven traces share one start time: the cursor must tell them apart by id.
    const traces = [...Array(7)].map((_, i) => ({ externalId: `tie-${i}`, startTime: at(30) }));
    traces.push(...[...Array(6)].map((_, i) => ({ externalId: `t-${i}`, startTime: at(10 + i * 3) })));
    await seedTraces(project.id, traces);
  });

  async function walk(query: Partial<Record<keyof TTraceListQuery, string>>, limit: number) {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await listTraces(db(), pctx, ZTraceListQuery.parse({ ...query, limit: String(limit), ...(cursor ? { cursor } : {}) }));
      seen.push(...page.items.map((t) => t.externalId));
      expect(page.items.length).toBeLessThanOrEqual(limit);
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 50);
    return { seen, pages };
  }

  it("visits every trace exactly once, in order, through ties on start_time", async () => {
    const all = (await listTraces(db(), pctx, ZTraceListQuery.parse({ limit: "200" }))).items;
    expect(all).toHaveLength(13);
    for (let i = 1; i < all.length; i++) {
      const [prev, cur] = [all[i - 1], all[i]];
      expect(prev.startTime > cur.startTime || (prev.startTime === cur.startTime && prev.id < cur.id)).toBe(true);
    }
    for (const limit of [1, 2, 3, 5]) {
      const { seen, pages } = await walk({}, limit);
      expect(seen, `limit ${limit}`).toEqual(all.map((t) => t.externalId));
      expect(pages).toBe(Math.ceil(13 / limit));
    }
  });

  it("keeps the filter across pages", async () => {
    const { seen } = await walk({ from: at(30).toISOString() }, 2);
    expect(seen.sort()).toEqual([...Array(7)].map((_, i) => `tie-${i}`).sort());
  });

  it("has no next page when the last page is exactly full", async () => {
    const page = await listTraces(db(), pctx, ZTraceListQuery.parse({ limit: "13" }));
    expect(page.items).toHaveLength(13);
    expect(page.nextCursor).toBeNull();
  });

  it("pages with a keyset condition, never OFFSET, and always names the project", () => {
    const sql = listSql(
      project.id,
      ZTraceListQuery.parse({ tags: "x", q: "y", scoreName: "z", model: "m" }),
      { startTime: at(1), id: "00000000-0000-4000-8000-000000000000" },
      50,
    );
    expect(sql.text).not.toMatch(/offset/i);
    expect(sql.text).toMatch(/t\.start_time < \$\d+::timestamptz OR t\.id > \$\d+::uuid/);
    expect(sql.values[0]).toBe(project.id);
    for (const sub of sql.text.match(/FROM (spans|scores) \w+ WHERE [^)]*/g) ?? []) expect(sub).toContain("project_id = $1::uuid");
  });
});
