import { beforeAll, describe, expect, it } from "vitest";
import { DELETE as deleteEndUser } from "@/app/api/v1/end-users/[endUser]/traces/route";
import { PUT as putRetention } from "@/app/api/projects/[project]/retention/route";
import { POST as postScores } from "@/app/api/v1/scores/route";
import { DELETE as deleteOne, GET as getOne } from "@/app/api/v1/traces/[traceRef]/route";
import { GET as list, POST as postTraces } from "@/app/api/v1/traces/route";
import { db } from "@/lib/db/client";
import { purgeExpiredTraces } from "@/lib/traces/retention";
import { type TestProject, call, makeProject, unique } from "@/tests/helpers/fixtures";

// Reading, deleting and retention of traces through the public API.

let project: TestProject;
let other: TestProject;
const day = (n: number) => new Date(Date.UTC(2026, 10, n, 12)).toISOString();

beforeAll(async () => {
  project = await makeProject();
  other = await makeProject();
});

const ingest = (traces: unknown[], p = project) => call(postTraces, { method: "POST", key: p.keys.INGEST, body: { traces } });
const listWith = async (query: string, key = project.keys.FULL) => call(list, { path: `/api/v1/traces?${query}`, key });
const ids = (res: { json: { traces: { id: string }[] } }) => res.json.traces.map((t) => t.id);

describe("GET /api/v1/traces", () => {
  const batch = unique("b");
  beforeAll(async () => {
    const res = await ingest([
      {
        id: `${batch}-1`,
        name: "chat",
        tags: ["a", "b"],
        release: "r1",
        promptVersion: "p1",
        sessionId: "s1",
        userId: "u1",
        metadata: { tier: "gold" },
        startTime: day(1),
      },
      { id: `${batch}-2`, name: "chat", tags: ["a"], release: "r2", startTime: day(2), spans: [{ id: "x", name: "llm", type: "LLM", model: "claude-x" }] },
      { id: `${batch}-3`, name: "search", tags: ["b"], release: "r1", metadata: { tier: "free" }, startTime: day(3) },
      { id: `${batch}-4`, name: "chat", userId: "u1", sessionId: "s1", startTime: day(3) },
      { id: `${batch}-5`, name: "chat", startTime: day(5) },
    ]);
    expect(res.json.accepted).toBe(5);
  });

  it("pages newest first with a keyset cursor, without gaps or repeats", async () => {
    const seen: string[] = [];
    let cursor: string | null = "";
    while (cursor !== null) {
      const res = await listWith(`from=${day(1)}&to=${day(6)}&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.status).toBe(200);
      seen.push(...ids(res).filter((id) => id.startsWith(batch)));
      cursor = res.json.nextCursor;
    }
    expect(new Set(seen).size).toBe(5);
    expect(seen[0]).toBe(`${batch}-5`);
    // 3 and 4 started at the same instant: the id breaks the tie, so both appear exactly once.
    expect(seen.slice(1, 3).sort()).toEqual([`${batch}-3`, `${batch}-4`]);
    expect(seen.slice(3)).toEqual([`${batch}-2`, `${batch}-1`]);
  });

  it("filters by name, tags, release, prompt version, session, end user, metadata, model and time", async () => {
    const only = async (q: string) =>
      ids(await listWith(`${q}&from=${day(1)}&to=${day(6)}`))
        .filter((id) => id.startsWith(batch))
        .sort();
    expect(await only("name=search")).toEqual([`${batch}-3`]);
    expect(await only("tags=a,b")).toEqual([`${batch}-1`]);
    expect(await only("release=r1")).toEqual([`${batch}-1`, `${batch}-3`]);
    expect(await only("promptVersion=p1")).toEqual([`${batch}-1`]);
    expect(await only("sessionId=s1")).toEqual([`${batch}-1`, `${batch}-4`]);
    expect(await only("userId=u1")).toEqual([`${batch}-1`, `${batch}-4`]);
    expect(await only("metaKey=tier&metaValue=gold")).toEqual([`${batch}-1`]);
    expect(await only("model=claude-x")).toEqual([`${batch}-2`]);
    expect(ids(await listWith(`from=${day(5)}&to=${day(6)}`))).toEqual([`${batch}-5`]);
  });

  it("refuses a forged cursor with 422", async () => {
    const res = await listWith("cursor=bm90LWEtY3Vyc29y");
    expect(res.status).toBe(422);
  });

  it("refuses an INGEST key on reads, a revoked key, and never shows another project's traces", async () => {
    expect((await listWith("", project.keys.INGEST)).status).toBe(403);
    expect((await call(getOne, { key: project.keys.INGEST, params: { traceRef: `${batch}-1` } })).status).toBe(403);
    const foreign = await call(getOne, { key: other.keys.FULL, params: { traceRef: `${batch}-1` } });
    expect(foreign.status).toBe(404);
    expect(ids(await listWith(`from=${day(1)}&to=${day(6)}`, other.keys.FULL))).toEqual([]);
    const revoked = await makeProject();
    await db().apiKey.updateMany({ where: { projectId: revoked.id }, data: { revokedAt: new Date() } });
    expect((await ingest([{ name: "x" }], revoked)).status).toBe(401);
  });
});

describe("GET /api/v1/traces/{externalId}", () => {
  it("answers with spans and current scores", async () => {
    const id = unique("t");
    await ingest([{ id, name: "chat", input: "q", output: "a", spans: [{ id: "s1", name: "llm", type: "LLM" }] }]);
    await call(postScores, {
      method: "POST",
      key: project.keys.INGEST,
      body: {
        scores: [
          { traceId: id, name: "thumbs", value: false, source: "END_USER" },
          { traceId: id, spanId: "s1", name: "ok", value: 0.5, source: "CODE" },
        ],
      },
    });
    const res = await call(getOne, { key: project.keys.FULL, params: { traceRef: id } });
    expect(res.status).toBe(200);
    expect(res.json.trace).toMatchObject({ id, name: "chat", input: "q", output: "a" });
    expect(res.json.trace.spans).toEqual([expect.objectContaining({ id: "s1", type: "LLM", parentId: null })]);
    expect(res.json.trace.scores.map((s: { name: string; value: unknown; spanId: string | null }) => [s.name, s.value, s.spanId])).toEqual([
      ["thumbs", false, null],
      ["ok", 0.5, "s1"],
    ]);
  });
});

describe("deletion", () => {
  it("deletes one trace with its spans and scores, audited with the reason and without content", async () => {
    const id = unique("t");
    await ingest([{ id, input: "secret question", spans: [{ id: "s", name: "n" }] }]);
    await call(postScores, { method: "POST", key: project.keys.INGEST, body: { scores: [{ traceId: id, name: "thumbs", value: true, source: "END_USER" }] } });
    const row = await db().trace.findUniqueOrThrow({ where: { projectId_externalId: { projectId: project.id, externalId: id } } });
    expect((await call(deleteOne, { method: "DELETE", key: project.keys.INGEST, params: { traceRef: id }, path: "/x?reason=gdpr" })).status).toBe(403);
    expect((await call(deleteOne, { method: "DELETE", key: project.keys.FULL, params: { traceRef: id } })).status).toBe(422);
    const res = await call(deleteOne, { method: "DELETE", key: project.keys.FULL, params: { traceRef: id }, path: "/x?reason=customer%20request" });
    expect(res.status).toBe(200);
    expect(await db().trace.count({ where: { projectId: project.id, id: row.id } })).toBe(0);
    expect(await db().span.count({ where: { projectId: project.id, traceId: row.id } })).toBe(0);
    expect(await db().score.count({ where: { projectId: project.id, traceId: row.id } })).toBe(0);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { projectId: project.id, action: "trace.delete", targetId: row.id } });
    expect(audit.details).toEqual({ externalId: id, reason: "customer request" });
    expect(audit.actorApiKey).not.toBeNull();
    expect(JSON.stringify(audit)).not.toContain("secret question");
    expect((await call(deleteOne, { method: "DELETE", key: project.keys.FULL, params: { traceRef: id }, path: "/x?reason=again" })).status).toBe(404);
  });

  it("deletes every trace of one end user, and only theirs, for a data-subject request", async () => {
    const user = unique("enduser");
    await ingest([{ userId: user }, { userId: user }, { userId: `${user}-other` }]);
    await ingest([{ userId: user }], other);
    const res = await call(deleteEndUser, { method: "DELETE", key: project.keys.FULL, params: { endUser: user }, path: "/x?reason=dsr-42" });
    expect(res.json).toEqual({ deleted: 2 });
    expect(await db().trace.count({ where: { projectId: project.id, endUserId: user } })).toBe(0);
    expect(await db().trace.count({ where: { projectId: project.id, endUserId: `${user}-other` } })).toBe(1);
    expect(await db().trace.count({ where: { projectId: other.id, endUserId: user } })).toBe(1);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { projectId: project.id, action: "trace.delete_end_user", targetId: user } });
    expect(audit.details).toEqual({ deleted: 2, reason: "dsr-42", datasetItemsRedacted: 0 });
    expect((await call(deleteEndUser, { method: "DELETE", key: project.keys.INGEST, params: { endUser: user }, path: "/x?reason=r" })).status).toBe(403);
  });
});

describe("retention", () => {
  it("lets a project admin set it, and the daily run deletes only older traces of projects that set it", async () => {
    const p = await makeProject();
    const forbidden = await call(putRetention, { method: "PUT", user: p.users.ENGINEER.id, params: { project: p.slug }, body: { retentionDays: 30 } });
    expect(forbidden.status).toBe(403);
    const res = await call(putRetention, { method: "PUT", user: p.users.ADMIN.id, params: { project: p.slug }, body: { retentionDays: 30 } });
    expect(res.json).toEqual({ retentionDays: 30 });
    const old = new Date(Date.now() - 31 * 86_400_000).toISOString();
    const recent = new Date(Date.now() - 29 * 86_400_000).toISOString();
    await ingest(
      [
        { id: "old", startTime: old },
        { id: "recent", startTime: recent },
      ],
      p,
    );
    await ingest([{ id: unique("keep"), startTime: old }], other);
    const before = await db().trace.count({ where: { projectId: other.id } });
    const run = await purgeExpiredTraces(db());
    expect(run.deleted[p.id]).toBe(1);
    expect((await db().trace.findMany({ where: { projectId: p.id }, select: { externalId: true } })).map((t) => t.externalId)).toEqual(["recent"]);
    expect(await db().trace.count({ where: { projectId: other.id } })).toBe(before);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { projectId: p.id, action: "trace.retention" } });
    expect(audit.details).toMatchObject({ deleted: 1, retentionDays: 30 });
  });
});
