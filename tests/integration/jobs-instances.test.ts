import { afterAll, describe, expect, it } from "vitest";
import { database, db, pool } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import type { JobDefinition } from "@/lib/jobs/job";
import { type JobRunner, startJobRunner } from "@/lib/jobs/queue";
import { JOB_DEFINITIONS } from "@/lib/jobs/registry";
import { stopSender } from "@/lib/jobs/send";
import { RUN_JUDGE } from "@/lib/judge-runs/job-names";
import { judgeRunJobs } from "@/lib/judge-runs/jobs";
import { startRun } from "@/lib/judge-runs/start";
import { DEFAULT_CONCURRENCY } from "@/lib/judge-runs/limits";
import { resetModelHostsFetch } from "@/lib/outbound";
import { makeProject, unique } from "@/tests/helpers/fixtures";
import { contextFor, makeRubricVersion, makeTraces } from "@/tests/helpers/queues";
import { publishedJudgeVersion, stubConnection } from "@/tests/support/judge-fixture";
import { type ModelStub, startModelStub } from "@/tests/support/model-stub";

// Several app instances on one database each run the job workers (ASSAY_JOBS=on). Two runners
// with their own connection pools stand in for two instances here: every job sent must be
// worked by exactly one of them, whichever claims it first.

const PER_QUEUE = 6;
// The jobs that take no data: the real handlers run, concurrently, on both instances.
const DATALESS = JOB_DEFINITIONS.filter((j) => j.schedule).map((j) => j.name);
const PROBE = "test.probe";
// pg-boss 10 does not wait for the statement that marks a worked job completed (manager.js,
// `onFetch`), so a runner may stop before it lands and leave a job it worked `active` (pg-boss
// would retry it once it expires). What must not be left is a job failed or waiting to run.
const DONE_STATES = ["completed", "active"];

interface Run {
  job: string;
  key: string;
  instance: string;
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const runners: JobRunner[] = [];
let stub: ModelStub | undefined;
afterAll(async () => {
  await Promise.all(runners.map((r) => r.stop()));
  await stopSender();
  await stub?.close();
  delete process.env.ASSAY_ALLOWED_MODEL_HOSTS;
  resetEnvCache();
  resetModelHostsFetch();
});

describe("two instances on one database", () => {
  it("work every job exactly once between them", async () => {
    const runs: Run[] = [];
    const total = PER_QUEUE * (DATALESS.length + 1);
    const allRan = deferred();
    // Each instance holds its first probe until the other has one too: both are then proven
    // to be working, and neither can take the job the other holds.
    const started = { a: deferred(), b: deferred() };

    const definitionsFor = (instance: "a" | "b"): JobDefinition[] => {
      const other = instance === "a" ? "b" : "a";
      const record = (job: string, data: object) => {
        runs.push({ job, key: (data as { key: string }).key, instance });
        if (runs.length === total) allRan.resolve();
      };
      const real = JOB_DEFINITIONS.filter((j) => DATALESS.includes(j.name)).map((j): JobDefinition => ({
        name: j.name,
        run: async (data, ctx) => (await j.run(data, ctx), record(j.name, data)),
      }));
      const probe: JobDefinition = {
        name: PROBE,
        async run(data) {
          started[instance].resolve();
          await started[other].promise;
          record(PROBE, data);
        },
      };
      return [...real, probe];
    };

    for (const instance of ["a", "b"] as const) {
      runners.push(await startJobRunner(process.env.DATABASE_URL!, { definitions: definitionsFor(instance) }));
    }
    const sent: { key: string; id: string }[] = [];
    for (const job of [PROBE, ...DATALESS]) {
      for (let n = 0; n < PER_QUEUE; n++) {
        const key = `${job}#${n}`;
        const id = await runners[n % 2].boss.send(job, { key });
        sent.push({ key, id: id! });
      }
    }

    await allRan.promise;
    // A graceful stop waits for the jobs in hand to end.
    await Promise.all(runners.splice(0).map((r) => r.stop()));
    expect(runs.map((r) => r.key).sort()).toEqual(sent.map((s) => s.key).sort());
    expect(new Set(runs.filter((r) => r.job === PROBE).map((r) => r.instance))).toEqual(new Set(["a", "b"]));
    const { rows } = await pool().query<{ state: string }>(`SELECT state FROM pgboss.job WHERE id = ANY($1::uuid[])`, [sent.map((s) => s.id)]);
    expect(rows).toHaveLength(sent.length);
    expect(rows.filter((r) => !DONE_STATES.includes(r.state))).toEqual([]);
  });
});

describe("a judge run on two instances", () => {
  it("is worked by one instance at a time, handed on when that one stops, and judges each target once", async () => {
    const TRACES = 40;
    // The first worker's calls are held until the test has seen what it needs: no timing decides who works what.
    const firstCalls = deferred();
    const release = deferred();
    stub = await startModelStub({
      hold: (n) => {
        if (n === DEFAULT_CONCURRENCY) firstCalls.resolve();
        return n <= DEFAULT_CONCURRENCY ? release.promise : undefined;
      },
    });
    process.env.ASSAY_ALLOWED_MODEL_HOSTS = stub.hostPort;
    resetEnvCache();
    resetModelHostsFetch();
    const chatCalls = () => stub!.requests.filter((r) => r.path.endsWith("/chat/completions")).length;

    const project = await makeProject();
    const rubric = await makeRubricVersion(project.id);
    const criterion = await db().criterion.findFirstOrThrow({ where: { projectId: project.id, rubricVersionId: rubric.id, key: "correct" } });
    const judgeName = unique("judge");
    await publishedJudgeVersion(db(), project.id, {
      judgeName,
      rubricVersionId: rubric.id,
      criterionId: criterion.id,
      connectionId: await stubConnection(db(), project.id, stub.url),
    });
    const traceIds = await makeTraces(project.id, TRACES, (i) => ({ output: `answer ${i}` }));

    const worked: { instance: "a" | "b"; stored: number; status: string | undefined }[] = [];
    const waits: { count: number; done: () => void }[] = [];
    const workedCount = (count: number) => new Promise<void>((resolve) => (worked.length >= count ? resolve() : waits.push({ count, done: resolve })));
    let first: "a" | "b" | undefined;
    const runJob = judgeRunJobs.find((j) => j.name === RUN_JUDGE)!;
    const byInstance = {} as Record<"a" | "b", JobRunner>;
    for (const instance of ["a", "b"] as const) {
      const job: JobDefinition = {
        name: RUN_JUDGE,
        async run(data, ctx) {
          first ??= instance;
          const result = (await runJob.run(data, ctx)) as { stored: number; status: string | undefined };
          worked.push({ instance, ...result });
          for (const w of waits.filter((w) => worked.length >= w.count)) w.done();
          return result;
        },
      };
      byInstance[instance] = await startJobRunner(process.env.DATABASE_URL!, { definitions: [job] });
      runners.push(byInstance[instance]);
    }

    const engineer = await contextFor(project, project.users.ENGINEER.id);
    const started = await startRun(database(), engineer, judgeName, {
      version: 1,
      target: { kind: "traces", selection: { traceIds } },
      rerun: false,
      dryRun: false,
    });
    if (started.dryRun) throw new Error("expected a run");
    const runId = started.run.id;

    // One instance took the run and has a full set of calls in flight, held.
    await firstCalls.promise;
    const other = first === "a" ? "b" : "a";
    // A second job for the run (as the sweep or a retry sends): the other instance takes it and ends at once.
    await byInstance.a.boss.send(RUN_JUDGE, { projectId: project.id, runId }, { singletonKey: runId });
    await workedCount(1);
    expect(worked[0]).toEqual({ instance: other, stored: 0, status: "RUNNING" });
    expect(chatCalls()).toBe(DEFAULT_CONCURRENCY);

    // The instance working the run stops: its calls in flight are stored, and the other instance finishes the run.
    const stopping = byInstance[first!].stop();
    release.resolve();
    await stopping;
    await workedCount(3);
    // Which of the two lands first is not the point: the stopping one records after sending the run on.
    expect(worked.slice(1).sort((x, y) => x.stored - y.stored)).toEqual([
      { instance: first, stored: DEFAULT_CONCURRENCY, status: "RUNNING" },
      { instance: other, stored: TRACES - DEFAULT_CONCURRENCY, status: "COMPLETED" },
    ]);

    const run = await db().judgeRun.findUniqueOrThrow({ where: { projectId_id: { projectId: project.id, id: runId } } });
    expect(run.status).toBe("COMPLETED");
    const items = await db().judgeRunItem.findMany({ where: { projectId: project.id, runId } });
    expect(items.map((i) => i.traceId).sort()).toEqual([...traceIds].sort());
    expect(items.every((i) => i.status === "DONE")).toBe(true);
    const scores = await db().score.findMany({ where: { projectId: project.id, raterName: judgeName } });
    expect(scores.map((s) => s.traceId).sort()).toEqual([...traceIds].sort());
    expect(scores.every((s) => s.source === "LLM_JUDGE" && s.raterVersion === "v1")).toBe(true);
    // Each target was called once: the second job and the hand-over called nothing twice.
    expect(chatCalls()).toBe(TRACES);
    await byInstance[other].stop();
    const { rows } = await pool().query<{ state: string }>(`SELECT state FROM pgboss.job WHERE name = $1 AND data->>'runId' = $2`, [RUN_JUDGE, runId]);
    expect(rows).toHaveLength(3);
    expect(rows.filter((r) => !DONE_STATES.includes(r.state))).toEqual([]);
  });
});
