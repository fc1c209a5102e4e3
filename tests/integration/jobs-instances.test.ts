import { afterAll, describe, expect, it } from "vitest";
import { pool } from "@/lib/db/client";
import type { JobDefinition } from "@/lib/jobs/job";
import { type JobRunner, startJobRunner } from "@/lib/jobs/queue";
import { JOB_DEFINITIONS } from "@/lib/jobs/registry";

// Several app instances on one database each run the job workers (ASSAY_JOBS=on). Two runners
// with their own connection pools stand in for two instances here: every job sent must be
// worked by exactly one of them, whichever claims it first.

const PER_QUEUE = 6;
// The jobs that take no data: the real handlers run, concurrently, on both instances.
const DATALESS = JOB_DEFINITIONS.filter((j) => j.schedule).map((j) => j.name);
const PROBE = "test.probe";

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
afterAll(async () => {
  await Promise.all(runners.map((r) => r.stop()));
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
    // A graceful stop waits for the jobs in hand to be marked done.
    await Promise.all(runners.splice(0).map((r) => r.stop()));
    expect(runs.map((r) => r.key).sort()).toEqual(sent.map((s) => s.key).sort());
    expect(new Set(runs.filter((r) => r.job === PROBE).map((r) => r.instance))).toEqual(new Set(["a", "b"]));
    const { rows } = await pool().query<{ state: string }>(`SELECT state FROM pgboss.job WHERE id = ANY($1::uuid[])`, [sent.map((s) => s.id)]);
    expect(rows.map((r) => r.state)).toEqual(sent.map(() => "completed"));
  });
});
