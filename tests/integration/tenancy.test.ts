import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { type TestProject, makeProject } from "@/tests/helpers/fixtures";

// The data contract is enforced by Postgres itself, whatever the application code does.
// These statements go straight to the database, bypassing every service.

let client: pg.Client;
let a: TestProject;
let b: TestProject;
let traceA: string;
let traceB: string;

async function sqlError(text: string, values: unknown[]): Promise<string | undefined> {
  try {
    await client.query(text, values);
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

beforeAll(async () => {
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  a = await makeProject();
  b = await makeProject();
  traceA = (await db().trace.create({ data: { projectId: a.id, externalId: "t-1", input: { q: "hi" } } })).id;
  traceB = (await db().trace.create({ data: { projectId: b.id, externalId: "t-1", input: { q: "hi" } } })).id;
});

afterAll(async () => {
  await client.end();
});

describe("tenancy", () => {
  it("lets two projects use the same external trace id", () => {
    expect(traceA).not.toBe(traceB);
  });

  it("rejects a span of project A pointing at a trace of project B (foreign key)", async () => {
    const code = await sqlError("INSERT INTO spans (project_id, trace_id, span_id, name, start_time) VALUES ($1, $2, 's1', 'x', now())", [a.id, traceB]);
    expect(code).toBe("23503");
    expect(
      await sqlError("INSERT INTO spans (project_id, trace_id, span_id, name, start_time) VALUES ($1, $2, 's1', 'x', now())", [a.id, traceA]),
    ).toBeUndefined();
  });

  it("rejects a score of project A on a trace of project B", async () => {
    const code = await sqlError(
      "INSERT INTO scores (project_id, trace_id, name, data_type, number_value, source, rater_name) VALUES ($1, $2, 'thumbs', 'BOOLEAN', 1, 'END_USER', 'widget')",
      [a.id, traceB],
    );
    expect(code).toBe("23503");
  });

  it("rejects a queue of project A using a rubric version of project B", async () => {
    const rubric = await db().rubric.create({ data: { projectId: b.id, slug: "r", name: "R" } });
    const version = await db().rubricVersion.create({ data: { projectId: b.id, rubricId: rubric.id, version: 1, status: "PUBLISHED" } });
    expect(await sqlError("INSERT INTO queues (project_id, name, rubric_version_id) VALUES ($1, 'q', $2)", [a.id, version.id])).toBe("23503");
    expect(await sqlError("INSERT INTO queues (project_id, name, rubric_version_id) VALUES ($1, 'q', $2)", [b.id, version.id])).toBeUndefined();
  });

  it("rejects a queue item of project A targeting a trace of project B", async () => {
    const rubric = await db().rubric.create({ data: { projectId: a.id, slug: "r2", name: "R" } });
    const version = await db().rubricVersion.create({ data: { projectId: a.id, rubricId: rubric.id, version: 1, status: "PUBLISHED" } });
    const queue = await db().queue.create({ data: { projectId: a.id, name: "q", rubricVersionId: version.id } });
    expect(await sqlError("INSERT INTO queue_items (project_id, queue_id, trace_id) VALUES ($1, $2, $3)", [a.id, queue.id, traceB])).toBe("23503");
    expect(await sqlError("INSERT INTO queue_items (project_id, queue_id, trace_id) VALUES ($1, $2, $3)", [a.id, queue.id, traceA])).toBeUndefined();
    // An item is in a queue at most once.
    expect(await sqlError("INSERT INTO queue_items (project_id, queue_id, trace_id) VALUES ($1, $2, $3)", [a.id, queue.id, traceA])).toBe("23505");
  });
});

describe("judgments", () => {
  const insert = (target: string, extra = "") =>
    `INSERT INTO scores (project_id, ${target}, name, data_type, number_value, source, rater_name${extra ? `, ${extra}` : ""}) VALUES ($1, $2, 'q', 'NUMERIC', 3, 'HUMAN', 'imported'${extra ? ", $3" : ""})`;

  it("requires exactly one target", async () => {
    expect(
      await sqlError("INSERT INTO scores (project_id, name, data_type, number_value, source, rater_name) VALUES ($1, 'q', 'NUMERIC', 1, 'CODE', 'x')", [a.id]),
    ).toBe("23514");
    const span = await db().span.create({ data: { projectId: a.id, traceId: traceA, spanId: "both", name: "s", startTime: new Date() } });
    expect(await sqlError(insert("trace_id", "span_id"), [a.id, traceA, span.id])).toBe("23514");
  });

  it("requires exactly one rater and a value of the declared type", async () => {
    expect(
      await sqlError("INSERT INTO scores (project_id, trace_id, name, data_type, number_value, source) VALUES ($1, $2, 'q', 'NUMERIC', 1, 'CODE')", [
        a.id,
        traceA,
      ]),
    ).toBe("23514");
    expect(
      await sqlError(
        "INSERT INTO scores (project_id, trace_id, name, data_type, text_value, source, rater_name) VALUES ($1, $2, 'q2', 'NUMERIC', 'five', 'CODE', 'x')",
        [a.id, traceA],
      ),
    ).toBe("23514");
    expect(
      await sqlError(
        "INSERT INTO scores (project_id, trace_id, name, data_type, number_value, source, rater_name) VALUES ($1, $2, 'q3', 'BOOLEAN', 2, 'CODE', 'x')",
        [a.id, traceA],
      ),
    ).toBe("23514");
  });

  it("keeps one current row per target, rater and name; revisions are appended", async () => {
    const trace = (await db().trace.create({ data: { projectId: a.id, externalId: "rev" } })).id;
    const rater = a.users.EXPERT.id;
    const first = await db().score.create({
      data: { projectId: a.id, traceId: trace, name: "helpfulness", dataType: "NUMERIC", numberValue: 3, source: "HUMAN", raterUserId: rater },
    });
    await expect(
      db().score.create({
        data: { projectId: a.id, traceId: trace, name: "helpfulness", dataType: "NUMERIC", numberValue: 4, source: "HUMAN", raterUserId: rater },
      }),
    ).rejects.toThrow();
    await db().$transaction([
      db().score.update({ where: { projectId_id: { projectId: a.id, id: first.id } }, data: { isCurrent: false } }),
      db().score.create({
        data: {
          projectId: a.id,
          traceId: trace,
          name: "helpfulness",
          dataType: "NUMERIC",
          numberValue: 4,
          source: "HUMAN",
          raterUserId: rater,
          revision: 2,
          supersedesId: first.id,
        },
      }),
    ]);
    const rows = await db().score.findMany({ where: { projectId: a.id, traceId: trace }, orderBy: { revision: "asc" } });
    expect(rows.map((r) => [r.revision, r.numberValue, r.isCurrent])).toEqual([
      [1, 3, false],
      [2, 4, true],
    ]);
    // A different rater, an external judge with a version, has its own current row.
    await db().score.create({
      data: {
        projectId: a.id,
        traceId: trace,
        name: "helpfulness",
        dataType: "NUMERIC",
        numberValue: 5,
        source: "LLM_JUDGE",
        raterName: "helpfulness",
        raterVersion: "v3",
      },
    });
    await expect(
      db().score.create({
        data: {
          projectId: a.id,
          traceId: trace,
          name: "helpfulness",
          dataType: "NUMERIC",
          numberValue: 2,
          source: "LLM_JUDGE",
          raterName: "helpfulness",
          raterVersion: "v3",
        },
      }),
    ).rejects.toThrow();
  });
});

describe("audit log", () => {
  it("is append-only", async () => {
    const { rows } = await client.query("INSERT INTO audit_events (project_id, action, target_type) VALUES ($1, 'test', 'project') RETURNING id", [a.id]);
    expect(await sqlError("UPDATE audit_events SET action = 'changed' WHERE id = $1", [rows[0].id])).toBe("42501");
    expect(await sqlError("DELETE FROM audit_events WHERE id = $1", [rows[0].id])).toBe("42501");
  });
});
