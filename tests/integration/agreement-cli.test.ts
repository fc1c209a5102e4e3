import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as exportRoute from "@/app/api/v1/annotations/export/route";
import * as queueRoute from "@/app/api/v1/queues/[queueId]/route";
import { database, db, pool } from "@/lib/db/client";
import { claimNext } from "@/lib/queues/claim";
import { reviseLabels } from "@/lib/queues/revise";
import { submitLabels } from "@/lib/queues/submit";
import { exportRubric } from "@/lib/rubrics/transfer";
import { runAssay } from "@/tests/helpers/cli";
import { makeProject } from "@/tests/helpers/fixtures";
import { contextFor, makeQueue, makeRaters, submission } from "@/tests/helpers/queues";

// `assay agreement --queue` as a user runs it: a process talking HTTP to the labels export
// route, with a rubric file the app exported, on labels raters submitted and revised.

let server: Server;
let base: string;

beforeAll(async () => {
  // The export route behind a plain HTTP server: the command reaches it as it reaches Assay.
  server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", base);
    const queue = /^\/api\/v1\/queues\/([^/]+)$/.exec(url.pathname);
    if (url.pathname !== "/api/v1/annotations/export" && !queue) {
      res.writeHead(404).end();
      return;
    }
    const headers = new Headers(Object.entries(req.headers).flatMap(([k, v]) => (typeof v === "string" ? [[k, v] as [string, string]] : [])));
    const response = queue
      ? await queueRoute.GET(new Request(url, { headers }), { params: Promise.resolve({ queueId: queue[1] }) })
      : await exportRoute.GET(new Request(url, { headers }), { params: Promise.resolve({}) });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    if (response.body) Readable.fromWeb(response.body as import("node:stream/web").ReadableStream).pipe(res);
    else res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const assay = runAssay;

async function rubricOf(projectId: string, queueId: string): Promise<string> {
  const { rows } = await pool().query(
    `SELECT v.rubric_id AS "rubricId" FROM queues q JOIN rubric_versions v ON v.project_id = q.project_id AND v.id = q.rubric_version_id WHERE q.project_id = $1 AND q.id = $2`,
    [projectId, queueId],
  );
  return rows[0].rubricId;
}

describe("assay agreement --queue", () => {
  it("prints each criterion's figures from the raters' first revisions, at the rubric's levels", async () => {
    const project = await makeProject();
    const raters = await makeRaters(project.id, 2);
    const { queueId, traceIds, manager } = await makeQueue(project, { items: 4, overlap: 2, raters });
    // Helpfulness (SCALE 1–5, ordinal) and correct (BINARY), per trace, for each rater.
    const plan: Record<string, [number, boolean][]> = {
      [raters[0]]: [
        [1, true],
        [1, true],
        [3, false],
        [2, true],
      ],
      [raters[1]]: [
        [1, true],
        [2, false],
        [3, false],
        [3, true],
      ],
    };
    for (const rater of raters) {
      const ctx = await contextFor(project, rater);
      for (let i = 0; i < 4; i++) {
        const { itemId } = (await claimNext(database(), ctx, queueId, { exclude: [] }))!;
        const { traceId } = await db().queueItem.findUniqueOrThrow({ where: { projectId_id: { projectId: project.id, id: itemId } } });
        const [helpfulness, correct] = plan[rater][traceIds.indexOf(traceId ?? "")];
        await submitLabels(database(), ctx, queueId, itemId, submission({ helpfulness, correct }));
      }
    }
    // A second opinion after the fact: the current label changes, the first revision counts.
    const first = await db().queueItem.findFirstOrThrow({ where: { projectId: project.id, queueId, traceId: traceIds[0] } });
    await reviseLabels(database(), await contextFor(project, raters[1]), queueId, first.id, { values: { helpfulness: 2, correct: false } });

    const file = await exportRubric(database(), manager, await rubricOf(project.id, queueId), { format: "yaml" });
    const dir = mkdtempSync(path.join(tmpdir(), "assay-queue-agreement-"));
    const rubricFile = path.join(dir, file.filename);
    writeFileSync(rubricFile, file.body);

    const result = await assay(project.keys.FULL, "agreement", "--queue", queueId, "--url", base, "--rubric", rubricFile, "--seed", "4");
    expect([result.status, result.stderr]).toEqual([0, ""]);
    const lines = result.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.criterion, l.type, l.level])).toEqual([
      ["helpfulness", "SCALE", "ordinal"],
      ["correct", "BINARY", "nominal"],
      ["rationale", "TEXT", null],
      ["preferred", "PREFERENCE", "nominal"],
      ["issues", "MULTI", "nominal"],
    ]);
    const [helpfulness, correct] = lines;
    // Helpfulness (1,1) (1,2) (3,3) (2,3): 1 ×3, 2 ×2, 3 ×3 on the declared 1–5; δ² 1–2 and 2–3
    // 6.25, 1–3 25: D_o = 25/8, D_e = 600/56 → α = 0.7083. With the revision, (1,2) (1,2) (3,3) (2,3).
    expect(helpfulness).toMatchObject({ items: 4, raters: 2, pairable: 8, alpha: 0.7083 });
    expect(helpfulness.ci95).toHaveLength(2);
    expect(helpfulness.pairs).toEqual([expect.objectContaining({ n: 4, kappa: expect.any(Number), weightedKappa: expect.any(Number) })]);
    // Correct: (pass, pass) (pass, fail) (fail, fail) (pass, pass): D_o = 2/8, D_e = 2·5·3/56 → α = 1 − 0.25·56/30.
    expect(correct).toMatchObject({ items: 4, alpha: Number((1 - (0.25 * 56) / 30).toFixed(4)) });
    // Raters are named by their e-mail, as in the export.
    const emails = await db().user.findMany({ where: { id: { in: raters } }, select: { email: true } });
    expect([helpfulness.pairs[0].a, helpfulness.pairs[0].b].sort()).toEqual(emails.map((u) => u.email).sort());
    rmSync(dir, { recursive: true, force: true });

    // Without --rubric, the rubric version comes with the queue (GET /api/v1/queues/{id}): the same figures.
    const fromServer = await assay(project.keys.FULL, "agreement", "--queue", queueId, "--url", base, "--seed", "4");
    expect([fromServer.status, fromServer.stderr, fromServer.stdout]).toEqual([0, "", result.stdout]);
  });

  it("stops with status 2 when the key is refused, the queue is another project's, or the rubric file is another version", async () => {
    const project = await makeProject();
    const other = await makeProject();
    const raters = await makeRaters(project.id, 1);
    const { queueId, manager } = await makeQueue(project, { items: 1, overlap: 1, raters });
    const ctx = await contextFor(project, raters[0]);
    const { itemId } = (await claimNext(database(), ctx, queueId, { exclude: [] }))!;
    await submitLabels(database(), ctx, queueId, itemId, submission());
    const rubricId = await rubricOf(project.id, queueId);
    const dir = mkdtempSync(path.join(tmpdir(), "assay-queue-agreement-"));
    const draft = (await exportRubric(database(), manager, rubricId, { format: "json" })).body.replace('"version": 1', '"version": 7');
    writeFileSync(path.join(dir, "v7.json"), draft);
    const args = ["agreement", "--queue", queueId, "--url", base, "--rubric", path.join(dir, "v7.json")];

    const wrongVersion = await assay(project.keys.FULL, ...args);
    expect([wrongVersion.status, wrongVersion.stderr.trim()]).toEqual([
      2,
      "assay: the queue's labels are on version 1 of their rubric, the file is version 7: export version 1 (?version=1)",
    ]);
    const outsider = await assay(other.keys.FULL, ...args);
    expect([outsider.status, outsider.stderr]).toEqual([2, expect.stringMatching(/^assay: the server answered 404: /)]);
    const ingest = await assay(project.keys.INGEST, ...args);
    expect([ingest.status, ingest.stderr]).toEqual([2, expect.stringMatching(/^assay: the server answered 403: /)]);
    rmSync(dir, { recursive: true, force: true });
  });
});
