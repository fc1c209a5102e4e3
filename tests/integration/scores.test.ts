import { beforeAll, describe, expect, it } from "vitest";
import { POST as postScores } from "@/app/api/v1/scores/route";
import { POST as postTraces } from "@/app/api/v1/traces/route";
import { db } from "@/lib/db/client";
import { type TestProject, call, makeProject, unique } from "@/tests/helpers/fixtures";

// POST /api/v1/scores: typed values, idempotent retries, revisions, raters and rubric references.

let project: TestProject;
let traceId: string;
const BINARY = { pass: { label: "Faithful", description: "Every claim is supported" }, fail: { label: "Unfaithful", description: "A claim is not supported" } };
beforeAll(async () => {
  project = await makeProject();
  traceId = unique("t");
  await call(postTraces, { method: "POST", key: project.keys.INGEST, body: { traces: [{ id: traceId, spans: [{ id: "s1", name: "llm" }] }] } });
  const rubric = await db().rubric.create({ data: { projectId: project.id, slug: "quality", name: "Quality" } });
  for (const [version, status] of [
    [1, "PUBLISHED"],
    [2, "PUBLISHED"],
    [null, "DRAFT"],
  ] as const) {
    // Criteria are written while the version is a draft: a published version is frozen.
    const v = await db().rubricVersion.create({ data: { projectId: project.id, rubricId: rubric.id } });
    await db().criterion.create({
      data: {
        projectId: project.id,
        rubricVersionId: v.id,
        position: 1,
        key: `faithful${version ?? "draft"}`,
        label: "Faithful",
        type: "BINARY",
        measurementLevel: "NOMINAL",
        config: BINARY,
      },
    });
    await db().criterion.create({
      data: {
        projectId: project.id,
        rubricVersionId: v.id,
        position: 2,
        key: "notes",
        label: "Notes",
        type: "TEXT",
        measurementLevel: "NONE",
        config: { maxLength: 1000 },
      },
    });
    if (status === "PUBLISHED") await db().rubricVersion.update({ where: { projectId_id: { projectId: project.id, id: v.id } }, data: { status, version } });
  }
});

const send = (scores: unknown[], key = project.keys.INGEST) => call(postScores, { method: "POST", key, body: { scores } });
const byExternal = (externalId: string) => db().score.findUniqueOrThrow({ where: { projectId_externalId: { projectId: project.id, externalId } } });

describe("typed values", () => {
  it("maps boolean, number, string and list values to their typed columns", async () => {
    const ids = ["b", "n", "c", "t", "m"].map((k) => unique(k));
    const res = await send([
      { id: ids[0], traceId, name: "thumbs", value: true, source: "END_USER" },
      { id: ids[1], traceId, spanId: "s1", name: "latency", value: 0.25, source: "CODE" },
      { id: ids[2], traceId, name: "topic", value: "billing", source: "LLM_JUDGE", sourceName: "topic-judge", sourceVersion: "3" },
      { id: ids[3], traceId, name: "why", value: "Too long.", dataType: "TEXT", source: "END_USER" },
      { id: ids[4], traceId, name: "issues", value: ["tone", "length"], source: "LLM_JUDGE", sourceName: "issue-judge" },
    ]);
    expect(res.status).toBe(207);
    expect(res.json.accepted).toBe(5);
    const rows = await Promise.all(ids.map(byExternal));
    expect(rows.map((r) => [r.dataType, r.numberValue, r.textValue, r.jsonValue])).toEqual([
      ["BOOLEAN", 1, null, null],
      ["NUMERIC", 0.25, null, null],
      ["CATEGORICAL", null, "billing", null],
      ["TEXT", null, "Too long.", null],
      ["MULTI", null, null, ["tone", "length"]],
    ]);
    expect(rows[1].spanId).not.toBeNull();
    expect(rows[1].traceId).toBeNull();
    expect(rows[0].raterApiKeyId).not.toBeNull();
    expect([rows[2].raterName, rows[2].raterVersion, rows[2].raterApiKeyId]).toEqual(["topic-judge", "3", null]);
  });

  it("rejects per item what cannot be stored, keeping the rest", async () => {
    const res = await send([
      { traceId: "nope", name: "x", value: 1, source: "CODE" },
      { traceId, spanId: "nope", name: "x", value: 1, source: "CODE" },
      { traceId, name: "x", value: 1, source: "ROBOT" },
      { traceId, name: "x", value: 1, source: "CODE", sourceVersion: "1" },
      { traceId, name: "fine", value: 1, source: "CODE" },
    ]);
    expect(res.json.results.map((r: { code?: string; status: string }) => r.code ?? r.status)).toEqual([
      "trace_not_found",
      "span_not_found",
      "validation_failed",
      "validation_failed",
      "accepted",
    ]);
  });
});

describe("rater vocabulary", () => {
  it("takes raterName/raterVersion, accepts sourceName/sourceVersion as aliases, and refuses the two disagreeing", async () => {
    const ids = ["r", "s", "both", "clash", "vclash", "nover"].map((k) => unique(k));
    const res = await send([
      { id: ids[0], traceId, name: "vocab", value: 1, source: "LLM_JUDGE", raterName: "judge-r", raterVersion: "7" },
      { id: ids[1], traceId, name: "vocab", value: 1, source: "LLM_JUDGE", sourceName: "judge-s", sourceVersion: "2" },
      { id: ids[2], traceId, name: "vocab", value: 1, source: "LLM_JUDGE", raterName: "judge-b", sourceName: "judge-b" },
      { id: ids[3], traceId, name: "vocab", value: 1, source: "LLM_JUDGE", raterName: "judge-x", sourceName: "judge-y" },
      { id: ids[4], traceId, name: "vocab", value: 1, source: "LLM_JUDGE", raterName: "judge-x", raterVersion: "1", sourceVersion: "2" },
      { id: ids[5], traceId, name: "vocab", value: 1, source: "LLM_JUDGE", raterVersion: "1" },
    ]);
    expect(res.json.results.map((r: { code?: string; status: string; httpStatus?: number }) => r.code ?? r.status)).toEqual([
      "accepted",
      "accepted",
      "accepted",
      "validation_failed",
      "validation_failed",
      "validation_failed",
    ]);
    expect(res.json.results[3]).toMatchObject({ httpStatus: 422, message: expect.stringContaining("sourceName is an alias of raterName") });
    expect(res.json.results[5].message).toContain("raterVersion needs raterName");
    const rows = await Promise.all(ids.slice(0, 3).map(byExternal));
    expect(rows.map((r) => [r.raterName, r.raterVersion, r.raterApiKeyId])).toEqual([
      ["judge-r", "7", null],
      ["judge-s", "2", null],
      ["judge-b", null, null],
    ]);
  });
});

describe("retries and revisions", () => {
  it("stores a score once however often it is retried with the same id", async () => {
    const id = unique("s");
    const item = { id, traceId, name: "retry", value: 3, source: "CODE" };
    await send([item]);
    const again = await send([item, item]);
    expect(again.json.results.map((r: { status: string; id: string }) => [r.status, r.id])).toEqual([
      ["accepted", id],
      ["accepted", id],
    ]);
    expect(await db().score.count({ where: { projectId: project.id, externalId: id } })).toBe(1);
  });

  it("appends a revision when the same rater scores the same target under the same name", async () => {
    const name = unique("rev");
    await send([{ traceId, name, value: 1, source: "LLM_JUDGE", sourceName: "judge" }]);
    await send([{ traceId, name, value: 2, source: "LLM_JUDGE", sourceName: "judge" }]);
    await send([{ traceId, name, value: 9, source: "LLM_JUDGE", sourceName: "other-judge" }]);
    const rows = await db().score.findMany({ where: { projectId: project.id, name }, orderBy: { createdAt: "asc" } });
    const judge = rows.filter((r) => r.raterName === "judge");
    expect(judge.map((r) => [r.numberValue, r.revision, r.isCurrent])).toEqual([
      [1, 1, false],
      [2, 2, true],
    ]);
    expect(judge[1].supersedesId).toBe(judge[0].id);
    expect(rows.find((r) => r.raterName === "other-judge")?.isCurrent).toBe(true);
  });
});

describe("rubric references", () => {
  it("resolves slug, version (latest published when omitted) and criterion", async () => {
    const [a, b] = [unique("r"), unique("r")];
    const res = await send([
      { id: a, traceId, name: "faithful", value: true, source: "LLM_JUDGE", sourceName: "j", rubric: { rubric: "quality", criterion: "faithful2" } },
      {
        id: b,
        traceId,
        name: "faithful-v1",
        value: false,
        source: "LLM_JUDGE",
        sourceName: "j",
        rubric: { rubric: "quality", version: 1, criterion: "faithful1" },
      },
    ]);
    expect(res.json.accepted).toBe(2);
    const versions = await db().rubricVersion.findMany({ where: { projectId: project.id }, select: { id: true, version: true } });
    const versionOf = (id: string | null) => versions.find((v) => v.id === id)?.version;
    expect(versionOf((await byExternal(a)).rubricVersionId)).toBe(2);
    expect(versionOf((await byExternal(b)).rubricVersionId)).toBe(1);
  });

  it("rejects unknown rubrics, drafts, unknown criteria and values of the wrong type", async () => {
    const res = await send([
      { traceId, name: "x", value: true, source: "CODE", rubric: { rubric: "nope", criterion: "faithful2" } },
      { traceId, name: "x", value: true, source: "CODE", rubric: { rubric: "quality", version: 3, criterion: "faithfuldraft" } },
      { traceId, name: "x", value: true, source: "CODE", rubric: { rubric: "quality", criterion: "faithfuldraft" } },
      { traceId, name: "x", value: "yes", source: "CODE", rubric: { rubric: "quality", criterion: "faithful2" } },
    ]);
    expect(res.json.results.map((r: { code?: string }) => r.code)).toEqual(["rubric_not_found", "rubric_not_found", "criterion_not_found", "invalid_value"]);
  });

  it("stores a string answering a TEXT criterion as TEXT", async () => {
    const id = unique("r");
    await send([{ id, traceId, name: "notes", value: "fine", source: "HUMAN", sourceName: "ann", rubric: { rubric: "quality", criterion: "notes" } }]);
    expect((await byExternal(id)).dataType).toBe("TEXT");
  });
});

describe("the text policy, item by item", () => {
  it("cleans and flags NUL and lone surrogates in values and comments, refuses them in ids and names, and a retry stores nothing twice", async () => {
    const ids = ["ok", "value", "comment", "list", "trace", "name", "rater"].map((k) => unique(k));
    const batch = [
      { id: ids[0], traceId, name: "plain", value: "fine", source: "CODE" },
      { id: ids[1], traceId, name: "nul-value", value: "bad\u0000value", source: "CODE" },
      { id: ids[2], traceId, name: "nul-comment", value: 1, comment: "half\ud800", source: "CODE" },
      { id: ids[3], traceId, name: "nul-list", value: ["a\u0000"], source: "CODE" },
      { id: ids[4], traceId: `${traceId}\u0000`, name: "nul-trace", value: 1, source: "CODE" },
      { id: ids[5], traceId, name: "\ud800", value: 1, source: "CODE" },
      { id: ids[6], traceId, name: "rater", value: 1, source: "LLM_JUDGE", sourceName: "judge\u0000" },
    ];
    for (const attempt of [1, 2]) {
      const res = await send(batch);
      expect(res.status, `attempt ${attempt}`).toBe(207);
      expect(res.json.results.map((r: { status: string; code?: string }) => r.code ?? r.status)).toEqual([
        "accepted",
        "accepted",
        "accepted",
        "accepted",
        "invalid_text",
        "invalid_text",
        "invalid_text",
      ]);
      if (attempt === 1)
        expect(res.json.results.slice(1, 4).map((r: { warnings?: string[] }) => r.warnings)).toEqual([["text_replaced"], ["text_replaced"], ["text_replaced"]]);
      expect(res.json.results[4].httpStatus).toBe(400);
    }
    const stored = await db().score.findMany({ where: { projectId: project.id, externalId: { in: ids } }, orderBy: { name: "asc" } });
    expect(stored.map((s) => [s.name, s.textValue ?? s.jsonValue ?? s.comment])).toEqual([
      ["nul-comment", "half\ufffd"],
      ["nul-list", ["a\ufffd"]],
      ["nul-value", "bad\ufffdvalue"],
      ["plain", "fine"],
    ]);
  });

  it("refuses bad text in the fields a rubric reference names", async () => {
    const res = await send([{ traceId, name: "ref", value: true, source: "CODE", rubric: { rubric: "quality\u0000", criterion: "faithful1" } }]);
    expect(res.json.results[0].code).toBe("invalid_text");
  });
});
