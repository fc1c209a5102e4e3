import { beforeAll, describe, expect, it } from "vitest";
import * as sessionConnection from "@/app/api/projects/[project]/connections/[connectionId]/route";
import * as sessionDraft from "@/app/api/projects/[project]/judges/[name]/draft/route";
import * as sessionJudges from "@/app/api/projects/[project]/judges/route";
import * as sessionVersions from "@/app/api/projects/[project]/judges/[name]/versions/route";
import * as v1Draft from "@/app/api/v1/judges/[name]/draft/route";
import * as v1Judge from "@/app/api/v1/judges/[name]/route";
import * as v1Version from "@/app/api/v1/judges/[name]/versions/[number]/route";
import * as v1Versions from "@/app/api/v1/judges/[name]/versions/route";
import * as v1Judges from "@/app/api/v1/judges/route";
import { database, db } from "@/lib/db/client";
import { MAX_CONCURRENCY } from "@/lib/judge-runs/schemas";
import { judgesRunnableOnTraces } from "@/lib/judge-versions/service";
import { type TestProject, call, makeProject, unique } from "@/tests/helpers/fixtures";
import { contextFor, makeRubricVersion } from "@/tests/helpers/queues";
import { publishedJudgeVersion, stubConnection } from "@/tests/support/judge-fixture";

// Judges and their versions through the routes: create, draft, publish, list; what a draft is
// checked against; the published version frozen by the database; the connection a judge uses
// kept; and who may do what.

let project: TestProject;
let rubricVersionId: string;
let criteria: Record<string, string>;
let connectionId: string;
const TEMPLATE = "Input:\n{{input}}\n\nOutput:\n{{output}}\n\n{{criterion}}\n\n{{examples}}";

beforeAll(async () => {
  project = await makeProject();
  rubricVersionId = (await makeRubricVersion(project.id)).id;
  const rows = await db().criterion.findMany({ where: { projectId: project.id, rubricVersionId }, select: { id: true, key: true } });
  criteria = Object.fromEntries(rows.map((r) => [r.key, r.id]));
  connectionId = await stubConnection(db(), project.id, "http://127.0.0.1:9/v1", unique("stub"));
});

const key = () => project.keys.FULL;
const draftBody = (over: Record<string, unknown> = {}) => ({
  rubricVersionId,
  criterionId: criteria.correct,
  connectionId,
  model: "stub-ok",
  parameters: { temperature: 0, maxTokens: 300 },
  template: TEMPLATE,
  changeNote: "first",
  ...over,
});

async function newJudge(name = unique("judge")) {
  const res = await call(v1Judges.POST, { method: "POST", key: key(), body: { name, description: "Says whether the answer is correct" } });
  expect(res.status).toBe(201);
  return name;
}

const putDraft = (name: string, body: unknown, who: { key?: string; user?: string } = { key: key() }) =>
  call(who.key ? v1Draft.PUT : sessionDraft.PUT, { method: "PUT", ...who, params: { name, project: project.slug }, body });

const publish = (name: string, body: unknown = {}) => call(v1Versions.POST, { method: "POST", key: key(), params: { name }, body });

describe("judges and versions", () => {
  it("creates a judge, saves a draft, publishes v1 and v2 and lists them", async () => {
    const name = await newJudge();
    expect((await call(v1Judge.GET, { key: key(), params: { name } })).json).toMatchObject({ name, latestVersion: null, hasDraft: false });
    const draft = await putDraft(name, draftBody());
    expect(draft.status).toBe(200);
    expect(draft.json).toMatchObject({ status: "DRAFT", version: null, mode: "single", criterion: { key: "correct", type: "BINARY" } });
    const v1 = await publish(name, { changeNote: "first version" });
    expect(v1.status).toBe(201);
    expect(v1.json).toMatchObject({ version: 1, status: "PUBLISHED", changeNote: "first version", parameters: { temperature: 0, maxTokens: 300 } });
    expect((await call(v1Draft.GET, { key: key(), params: { name } })).status).toBe(404);

    const copy = await putDraft(name, { fromVersion: 1 });
    expect(copy.json).toMatchObject({ status: "DRAFT", template: TEMPLATE, model: "stub-ok", changeNote: "" });
    const v2 = await publish(name, { changeNote: "second" });
    expect(v2.json.version).toBe(2);

    const versions = await call(v1Versions.GET, { key: key(), params: { name } });
    expect(versions.json.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect((await call(v1Version.GET, { key: key(), params: { name, number: "latest" } })).json.version).toBe(2);
    expect((await call(v1Version.GET, { key: key(), params: { name, number: "1" } })).json.changeNote).toBe("first version");
    expect((await call(v1Version.GET, { key: key(), params: { name, number: "3" } })).status).toBe(404);
    const list = await call(v1Judges.GET, { key: key() });
    expect(list.json.judges.find((j: { name: string }) => j.name === name)).toMatchObject({
      latestVersion: 2,
      criterionLabel: "Correct",
      model: "stub-ok",
      hasDraft: false,
    });
  });

  it("records the publication in the audit log", async () => {
    const name = await newJudge();
    await putDraft(name, draftBody());
    const v1 = await publish(name);
    const event = await db().auditEvent.findFirst({
      where: { projectId: project.id, action: "judge.version_publish", details: { path: ["versionId"], equals: v1.json.id } },
    });
    expect(event?.details).toMatchObject({ judge: name, version: 1, criterion: "correct", model: "stub-ok" });
  });

  it("keeps calls in flight and requests per minute on a version, and reads a version stored without them", async () => {
    const name = await newJudge();
    expect((await putDraft(name, draftBody({ parameters: { temperature: 0, concurrency: MAX_CONCURRENCY, rpm: 100_000 } }))).status).toBe(200);
    const v1 = await publish(name);
    expect(v1.json.parameters).toEqual({ temperature: 0, concurrency: MAX_CONCURRENCY, rpm: 100_000 });
    const copy = await putDraft(name, { fromVersion: 1 });
    expect(copy.json.parameters).toEqual({ temperature: 0, concurrency: MAX_CONCURRENCY, rpm: 100_000 });
    // A version published before the two existed: its stored parameters lack them and still answer.
    const old = unique("judge");
    await publishedJudgeVersion(db(), project.id, {
      judgeName: old,
      rubricVersionId,
      criterionId: criteria.correct,
      connectionId,
      parameters: { temperature: 1 },
    });
    const read = await call(v1Version.GET, { key: key(), params: { name: old, number: "1" } });
    expect(read.status).toBe(200);
    expect(read.json.parameters).toEqual({ temperature: 1 });
  });

  it("archives a judge and brings it back; the list says which", async () => {
    const name = await newJudge();
    const listed = async () => (await call(v1Judges.GET, { key: key() })).json.judges.find((j: { name: string }) => j.name === name);
    expect((await call(v1Judge.PATCH, { method: "PATCH", key: key(), params: { name }, body: { archived: true } })).json.archived).toBe(true);
    expect(await listed()).toMatchObject({ archived: true });
    const back = await call(v1Judge.PATCH, { method: "PATCH", key: key(), params: { name }, body: { archived: false } });
    expect(back.json.archived).toBe(false);
    expect(await listed()).toMatchObject({ archived: false });
    expect((await putDraft(name, draftBody())).status).toBe(200);
  });

  it("refuses a second judge of the same name", async () => {
    const name = await newJudge();
    const again = await call(v1Judges.POST, { method: "POST", key: key(), body: { name } });
    expect(again.status).toBe(409);
    expect(again.json.code).toBe("judge_name_taken");
  });

  it("deletes the draft and archives the judge, which then takes no draft", async () => {
    const name = await newJudge();
    await putDraft(name, draftBody());
    expect((await call(v1Draft.DELETE, { method: "DELETE", key: key(), params: { name } })).status).toBe(200);
    expect((await call(v1Draft.GET, { key: key(), params: { name } })).status).toBe(404);
    const archived = await call(v1Judge.PATCH, { method: "PATCH", key: key(), params: { name }, body: { archived: true, description: "old" } });
    expect(archived.json).toMatchObject({ archived: true, description: "old" });
    expect((await putDraft(name, draftBody())).json.code).toBe("conflict");
  });
});

describe("judges a run on traces can use", () => {
  it("lists the published single-trace versions of active judges, newest first, and only to those who may run judges", async () => {
    const own = await makeProject();
    const rubric = (await makeRubricVersion(own.id)).id;
    const rows = await db().criterion.findMany({ where: { projectId: own.id, rubricVersionId: rubric }, select: { id: true, key: true } });
    const c = Object.fromEntries(rows.map((r) => [r.key, r.id]));
    const connection = await stubConnection(db(), own.id, "http://127.0.0.1:9/v1");
    const fixture = (judgeName: string, criterionId: string) =>
      publishedJudgeVersion(db(), own.id, { judgeName, rubricVersionId: rubric, criterionId, connectionId: connection });
    await fixture("b-single", c.correct);
    await fixture("b-single", c.correct);
    await fixture("a-pairwise", c.preferred);
    await fixture("c-archived", c.correct);
    await db().judge.update({ where: { projectId_name: { projectId: own.id, name: "c-archived" } }, data: { archivedAt: new Date() } });
    await db().judge.create({ data: { projectId: own.id, name: "d-unpublished" } });

    const engineer = await contextFor(own, own.users.ENGINEER.id);
    expect(await judgesRunnableOnTraces(database(), engineer)).toEqual([
      { name: "b-single", version: 2, criterionLabel: "Correct" },
      { name: "b-single", version: 1, criterionLabel: "Correct" },
    ]);
    await expect(judgesRunnableOnTraces(database(), await contextFor(own, own.users.VIEWER.id))).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("a published version is frozen by the database", () => {
  it("refuses UPDATE and DELETE of a published version", async () => {
    const name = await newJudge();
    await putDraft(name, draftBody());
    const { id } = (await publish(name)).json;
    await expect(
      db().$executeRawUnsafe(`UPDATE judge_versions SET template = 'x' WHERE project_id = $1::uuid AND id = $2::uuid`, project.id, id),
    ).rejects.toThrow(/published/);
    await expect(db().$executeRawUnsafe(`DELETE FROM judge_versions WHERE project_id = $1::uuid AND id = $2::uuid`, project.id, id)).rejects.toThrow(
      /published/,
    );
  });
});

describe("what a draft is checked against", () => {
  let name: string;
  beforeAll(async () => {
    name = await newJudge();
  });
  const refusal = async (over: Record<string, unknown>) => {
    const res = await putDraft(name, draftBody(over));
    return { status: res.status, code: res.json.code as string, json: res.json };
  };

  it("refuses a rubric version that is not published", async () => {
    const draft = await makeRubricVersion(project.id, "DRAFT");
    const criterion = await db().criterion.findFirstOrThrow({ where: { projectId: project.id, rubricVersionId: draft.id, key: "correct" } });
    expect(await refusal({ rubricVersionId: draft.id, criterionId: criterion.id })).toMatchObject({ status: 422, code: "rubric_not_published" });
  });

  it("refuses a criterion of another rubric version", async () => {
    const other = await makeRubricVersion(project.id);
    const foreign = await db().criterion.findFirstOrThrow({ where: { projectId: project.id, rubricVersionId: other.id, key: "correct" } });
    expect(await refusal({ criterionId: foreign.id })).toMatchObject({ status: 422, code: "criterion_not_found" });
  });

  it("refuses MULTI and TEXT criteria with the reason", async () => {
    const multi = await refusal({ criterionId: criteria.issues });
    expect(multi).toMatchObject({ status: 422, code: "criterion_not_judgeable" });
    expect(multi.json.detail).toMatch(/MULTI/);
    expect(await refusal({ criterionId: criteria.rationale })).toMatchObject({ status: 422, code: "criterion_not_judgeable" });
  });

  it("refuses a model the connection does not list, and an unknown connection", async () => {
    expect(await refusal({ model: "gpt-unknown" })).toMatchObject({ status: 422, code: "model_not_on_connection" });
    expect(await refusal({ connectionId: crypto.randomUUID() })).toMatchObject({ status: 422, code: "validation_failed" });
  });

  it("refuses a template with a variable of the other mode, with its line and column", async () => {
    const res = await refusal({ template: "Judge this.\n  {{output_a}}" });
    expect(res).toMatchObject({ status: 422, code: "template_invalid" });
    expect(res.json.errors).toEqual([expect.objectContaining({ path: "template", line: 2, column: 3 })]);
    const unclosed = await refusal({ template: "{{input}} and {{output" });
    expect(unclosed.json.errors[0]).toMatchObject({ line: 1, column: 15 });
  });

  it("takes pairwise variables for a PREFERENCE criterion", async () => {
    const res = await putDraft(name, draftBody({ criterionId: criteria.preferred, template: "{{input}}\nA: {{output_a}}\nB: {{output_b}}\n{{criterion}}" }));
    expect(res.json).toMatchObject({ mode: "pairwise" });
  });

  it("refuses an example id outside the judge's calibration set", async () => {
    expect(await refusal({ exampleIds: [crypto.randomUUID()] })).toMatchObject({ status: 422, code: "example_not_found" });
  });

  it("refuses parameters out of range", async () => {
    expect(await refusal({ parameters: { temperature: 3 } })).toMatchObject({ status: 422, code: "validation_failed" });
    expect(await refusal({ parameters: { timeoutMs: 10 } })).toMatchObject({ status: 422, code: "validation_failed" });
    // The same body at the bounds is saved (see "keeps calls in flight…"); one past them is refused.
    for (const parameters of [{ concurrency: 0 }, { concurrency: MAX_CONCURRENCY + 1 }, { concurrency: 1.5 }, { rpm: 0 }, { rpm: 100_001 }]) {
      expect(await refusal({ parameters }), JSON.stringify(parameters)).toMatchObject({ status: 422, code: "validation_failed" });
    }
  });
});

describe("a connection that judges use", () => {
  it("is kept, and the refusal names the judges", async () => {
    const own = await stubConnection(db(), project.id, "http://127.0.0.1:9/v1", unique("used"));
    const name = await newJudge();
    await putDraft(name, draftBody({ connectionId: own }));
    const res = await call(sessionConnection.DELETE, { method: "DELETE", user: project.users.ADMIN.id, params: { project: project.slug, connectionId: own } });
    expect(res.status).toBe(409);
    expect(res.json.code).toBe("connection_in_use");
    expect(res.json.detail).toContain(name);
  });
});

describe("who may do what", () => {
  it("lets ENGINEER members manage judges through the session routes", async () => {
    const name = unique("judge");
    const res = await call(sessionJudges.POST, { method: "POST", user: project.users.ENGINEER.id, params: { project: project.slug }, body: { name } });
    expect(res.status).toBe(201);
    expect((await putDraft(name, draftBody(), { user: project.users.ENGINEER.id })).status).toBe(200);
    const v1 = await call(sessionVersions.POST, { method: "POST", user: project.users.ENGINEER.id, params: { project: project.slug, name }, body: {} });
    expect(v1.json.version).toBe(1);
  });

  it("refuses EXPERT members and INGEST keys, and lets VIEWER members only read", async () => {
    const name = await newJudge();
    const params = { project: project.slug };
    expect((await call(sessionJudges.GET, { user: project.users.EXPERT.id, params })).status).toBe(403);
    expect((await call(v1Judges.GET, { key: project.keys.INGEST })).status).toBe(403);
    expect((await call(sessionJudges.GET, { user: project.users.VIEWER.id, params })).status).toBe(200);
    expect((await call(sessionJudges.POST, { method: "POST", user: project.users.VIEWER.id, params, body: { name: unique("v") } })).status).toBe(403);
    expect((await putDraft(name, draftBody(), { user: project.users.VIEWER.id })).status).toBe(403);
  });

  it("answers 404 for a judge of another project", async () => {
    const name = await newJudge();
    const other = await makeProject();
    expect((await call(v1Judge.GET, { key: other.keys.FULL, params: { name } })).status).toBe(404);
    expect((await call(v1Versions.POST, { method: "POST", key: other.keys.FULL, params: { name }, body: {} })).status).toBe(404);
  });
});
