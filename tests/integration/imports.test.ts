import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postChunk } from "@/app/api/projects/[project]/imports/[importId]/chunks/route";
import { GET as getPreview } from "@/app/api/projects/[project]/imports/[importId]/preview/route";
import { GET as getDetail } from "@/app/api/projects/[project]/imports/[importId]/route";
import { POST as postStart } from "@/app/api/projects/[project]/imports/[importId]/start/route";
import { GET as listImports, POST as createImport } from "@/app/api/projects/[project]/imports/route";
import { db, pool } from "@/lib/db/client";
import { runImport } from "@/lib/imports/worker";
import { stopSender } from "@/lib/jobs/send";
import { type TestProject, call, makeProject, unique } from "@/tests/helpers/fixtures";

// File imports through the routes the browser uses, with the job's worker function run
// directly: bad rows reported by line, CSV mapping, resuming after a crash, tenancy.

let project: TestProject;
let other: TestProject;

beforeAll(async () => {
  project = await makeProject();
  other = await makeProject();
});
afterAll(() => stopSender());

async function upload(p: TestProject, format: "JSONL" | "CSV", content: string, pieceBytes = 1024 * 1024): Promise<string> {
  const bytes = Buffer.from(content);
  const user = p.users.ENGINEER.id;
  const created = await call(createImport, {
    method: "POST",
    params: { project: p.slug },
    user,
    body: { format, fileName: `../../etc/${unique("f")}.${format.toLowerCase()}`, sizeBytes: bytes.length },
  });
  expect(created.status).toBe(201);
  const importId = created.json.id as string;
  for (let seq = 0; seq * pieceBytes < bytes.length; seq++) {
    const res = await call(postChunk, {
      method: "POST",
      params: { project: p.slug, importId },
      path: `/api/projects/${p.slug}/imports/${importId}/chunks?seq=${seq}`,
      user,
      rawBody: bytes.subarray(seq * pieceBytes, (seq + 1) * pieceBytes),
      headers: { "content-type": "application/octet-stream" },
    });
    expect(res.status, res.text).toBe(200);
  }
  return importId;
}

async function start(p: TestProject, importId: string, body: object = {}) {
  return call(postStart, { method: "POST", params: { project: p.slug, importId }, user: p.users.ENGINEER.id, body });
}

async function detail(p: TestProject, importId: string) {
  const res = await call(getDetail, { params: { project: p.slug, importId }, user: p.users.ENGINEER.id });
  expect(res.status).toBe(200);
  return res.json;
}

async function traceIds(prefix: string): Promise<string[]> {
  const rows = await db().trace.findMany({ where: { projectId: project.id, externalId: { startsWith: prefix } }, select: { externalId: true } });
  return rows.map((r) => r.externalId).sort();
}

describe("JSONL import", () => {
  it("imports every good line and reports the bad ones by line number", async () => {
    const tag = unique("j");
    const lines = [
      JSON.stringify({ id: `${tag}-1`, name: "one", input: "q1", output: "a1", tags: [tag] }),
      "{not json",
      "",
      JSON.stringify({ id: `${tag}-4`, startTime: "yesterday" }),
      JSON.stringify({ name: "no id", input: "q5", tags: [tag] }),
      JSON.stringify({ id: `${tag}-6`, output: "<script>alert(1)</script>" }),
    ];
    const importId = await upload(project, "JSONL", lines.join("\n"), 7);
    const preview = await call(getPreview, { params: { project: project.slug, importId }, user: project.users.ENGINEER.id });
    expect(preview.json.rows[0][0]).toContain(`${tag}-1`);
    expect((await start(project, importId)).status).toBe(202);

    expect(await runImport(db(), pool(), project.id, importId)).toBe("done");

    const report = await detail(project, importId);
    expect(report).toMatchObject({ status: "DONE", accepted: 3, rejected: 2, rows: 6 });
    expect(report.errors.map((e: { line: number; code: string }) => [e.line, e.code])).toEqual([
      [2, "invalid_json"],
      [4, "validation_failed"],
    ]);
    expect(await traceIds(`${tag}-`)).toEqual([`${tag}-1`, `${tag}-6`]);
    // A row without an id gets one from the import and its line, so a second run merges.
    expect(await traceIds(`${importId}:`)).toEqual([`${importId}:5`]);
    expect(await db().importChunk.count({ where: { projectId: project.id, importId } })).toBe(0);
  });

  it("keeps every character whole when the pieces split it, two to four bytes", async () => {
    const tag = unique("utf8");
    const texts = ["Grüße aus Köln", "東京の天気は？", "naïve café — “quoted”", "🙂🚀 𝄞 emoji and clefs"];
    const lines = texts.map((text, i) => JSON.stringify({ id: `${tag}-${i}`, name: text, input: { question: text }, output: text, tags: [tag] }));
    const file = lines.join("\n");
    // Pieces of 3, 5 and 7 bytes split some character of each width, whatever the line lengths.
    for (const piece of [3, 5, 7]) {
      const importId = await upload(project, "JSONL", file, piece);
      const preview = await call(getPreview, { params: { project: project.slug, importId }, user: project.users.ENGINEER.id });
      expect(preview.json.rows.map((row: string[]) => row[0])).toEqual(lines);
      expect((await start(project, importId)).status).toBe(202);
      expect(await runImport(db(), pool(), project.id, importId, { batchItems: 1 })).toBe("done");
      expect(await detail(project, importId)).toMatchObject({ status: "DONE", accepted: 4, rejected: 0 });
      const traces = await db().trace.findMany({ where: { projectId: project.id, externalId: { startsWith: `${tag}-` } }, orderBy: { externalId: "asc" } });
      expect(traces.map((t) => [t.name, t.input, t.output])).toEqual(texts.map((text) => [text, { question: text }, text]));
    }
  });

  it("refuses a file larger than announced and pieces out of order", async () => {
    const created = await call(createImport, {
      method: "POST",
      params: { project: project.slug },
      user: project.users.ENGINEER.id,
      body: { format: "JSONL", fileName: "x.jsonl", sizeBytes: 4 },
    });
    const importId = created.json.id;
    const piece = (seq: number, body: string) =>
      call(postChunk, {
        method: "POST",
        params: { project: project.slug, importId },
        path: `/x?seq=${seq}`,
        user: project.users.ENGINEER.id,
        rawBody: body,
        headers: { "content-type": "application/octet-stream" },
      });
    expect((await piece(1, "{}")).status).toBe(409);
    expect((await piece(0, "{}\n{}\n")).status).toBe(413);
    expect((await piece(0, "{}\n")).status).toBe(200);
    expect((await start(project, importId)).status).toBe(409);
  });
});

describe("upload limits", () => {
  it("refuses a file over the size limit and more than ten unfinished uploads per project", async () => {
    const p = await makeProject();
    const create = (sizeBytes: number) =>
      call(createImport, { method: "POST", params: { project: p.slug }, user: p.users.ADMIN.id, body: { format: "CSV", fileName: "a.csv", sizeBytes } });
    expect((await create(3 * 1024 ** 3)).status).toBe(422);
    for (let i = 0; i < 10; i++) expect((await create(10)).status).toBe(201);
    expect((await create(10)).status).toBe(409);
  });
});

describe("CSV import", () => {
  it("maps columns, parses JSON-looking cells, and reports the bad row", async () => {
    const tag = unique("c");
    const csv = [
      "trace id,question,answer,customer tier,labels,when",
      `${tag}-1,"[{""role"":""user"",""content"":""hi""}]",hello,gold,a|b,2026-01-02T03:04:05Z`,
      `${tag}-2,q2,"multi\nline",silver,c,not a time`,
      `${tag}-3,q3,a3,,,1767225600000`,
    ].join("\n");
    const importId = await upload(project, "CSV", csv);
    const preview = await call(getPreview, { params: { project: project.slug, importId }, user: project.users.ENGINEER.id });
    expect(preview.json.header).toEqual(["trace id", "question", "answer", "customer tier", "labels", "when"]);
    expect(preview.json.guess).toMatchObject({ "trace id": "id", question: "input", answer: "output", labels: "tags", when: "startTime" });
    const mapping = { ...preview.json.guess, "customer tier": "metadata.tier" };
    expect((await start(project, importId, { mapping, tagSeparator: "|" })).status).toBe(202);

    expect(await runImport(db(), pool(), project.id, importId)).toBe("done");
    const report = await detail(project, importId);
    expect(report).toMatchObject({ status: "DONE", accepted: 2, rejected: 1 });
    expect(report.errors).toEqual([expect.objectContaining({ line: 3, code: "validation_failed" })]);
    const first = await db().trace.findFirstOrThrow({ where: { projectId: project.id, externalId: `${tag}-1` } });
    expect(first.input).toEqual([{ role: "user", content: "hi" }]);
    expect(first.output).toBe("hello");
    expect(first.metadata).toEqual({ tier: "gold" });
    expect(first.tags).toEqual(["a", "b"]);
    expect(first.startTime.toISOString()).toBe("2026-01-02T03:04:05.000Z");
    const third = await db().trace.findFirstOrThrow({ where: { projectId: project.id, externalId: `${tag}-3` } });
    expect(third.startTime.toISOString()).toBe("2026-01-01T00:00:00.000Z");
  });

  it("refuses to start a CSV import with nothing mapped", async () => {
    const importId = await upload(project, "CSV", "a,b\n1,2\n");
    const res = await start(project, importId, { mapping: { a: "", b: "" } });
    expect(res.status).toBe(422);
  });
});

describe("resuming", () => {
  it.each(["JSONL", "CSV"] as const)("a %s import stopped after two batches ends with every row exactly once", async (format) => {
    const tag = unique("r");
    const rows = Array.from({ length: 53 }, (_, i) => i + 1);
    // Half the rows carry no id: the import's own ids keep them from doubling on resume.
    const content =
      format === "JSONL"
        ? rows.map((i) => JSON.stringify(i % 2 ? { id: `${tag}-${i}`, name: tag } : { name: tag, input: `${i}` })).join("\n") + "\n"
        : ["id,name,input", ...rows.map((i) => (i % 2 ? `${tag}-${i},${tag},` : `,${tag},${i}`))].join("\r\n");
    const importId = await upload(project, format, content, 100);
    expect((await start(project, importId, format === "CSV" ? { mapping: { id: "id", name: "name", input: "input" } } : {})).status).toBe(202);

    expect(await runImport(db(), pool(), project.id, importId, { batchItems: 10, stopAfterBatches: 2 })).toBe("stopped");
    const midway = await detail(project, importId);
    expect(midway.status).toBe("RUNNING");
    expect(midway.accepted).toBe(20);
    // The crashed worker still holds its lease: nobody else may take the import yet.
    expect(await runImport(db(), pool(), project.id, importId, { batchItems: 10 })).toBe("busy");
    // Also re-ingest the last batch, as a crash between ingestion and checkpoint would.
    await pool().query(
      "UPDATE imports SET lease_until = now() - interval '1 second', byte_offset = 0, line_no = 0, header = NULL, accepted = 0 WHERE project_id = $1 AND id = $2",
      [project.id, importId],
    );
    expect(await runImport(db(), pool(), project.id, importId, { batchItems: 10, stopAfterBatches: 1 })).toBe("stopped");
    await pool().query("UPDATE imports SET lease_until = now() - interval '1 second' WHERE project_id = $1 AND id = $2", [project.id, importId]);
    expect(await runImport(db(), pool(), project.id, importId, { batchItems: 10 })).toBe("done");

    const report = await detail(project, importId);
    expect(report).toMatchObject({ status: "DONE", accepted: 53, rejected: 0 });
    const stored = await db().trace.findMany({ where: { projectId: project.id, name: tag }, select: { externalId: true } });
    expect(stored).toHaveLength(53);
    expect(new Set(stored.map((s) => s.externalId)).size).toBe(53);
  });
});

describe("tenancy", () => {
  it("another project cannot see, upload to, preview or start an import", async () => {
    const importId = await upload(project, "JSONL", '{"name":"mine"}\n');
    const params = { project: other.slug, importId };
    const outsider = other.users.ADMIN.id;
    expect((await call(getDetail, { params, user: outsider })).status).toBe(404);
    expect((await call(getPreview, { params, user: outsider })).status).toBe(404);
    expect((await call(postStart, { method: "POST", params, user: outsider, body: {} })).status).toBe(404);
    const piece = await call(postChunk, {
      method: "POST",
      params,
      path: "/x?seq=1",
      user: outsider,
      rawBody: "{}",
      headers: { "content-type": "application/octet-stream" },
    });
    expect(piece.status).toBe(404);
    const theirs = await call(listImports, { params: { project: other.slug }, user: outsider });
    expect(theirs.json.map((i: { id: string }) => i.id)).not.toContain(importId);
    // The worker, handed the other project's id with this import's id, finds nothing.
    expect(await runImport(db(), pool(), other.id, importId)).toBe("busy");
    // An expert of the same project may not import.
    expect((await call(getDetail, { params: { project: project.slug, importId }, user: project.users.EXPERT.id })).status).toBe(403);
  });
});
