import PgBoss from "pg-boss";
import { JOB_DEFINITIONS } from "./registry";

// Work that outlives a request runs on pg-boss: jobs live in Postgres (schema `pgboss`) and
// are claimed with SKIP LOCKED, so any number of app instances can work the same queues.

export interface JobRunner {
  boss: PgBoss;
  stop(): Promise<void>;
}

export async function startJobRunner(connectionString: string, options: { work: boolean } = { work: true }): Promise<JobRunner> {
  const boss = new PgBoss({ connectionString, schema: "pgboss", max: 4, application_name: "assay-jobs" });
  boss.on("error", (error) => console.error("[assay] job queue error", error));
  await boss.start();
  const ctx = { send: (name: string, data: object, sendOptions: PgBoss.SendOptions = {}) => boss.send(name, data, sendOptions) };
  for (const job of JOB_DEFINITIONS) {
    await boss.createQueue(job.name);
    if (options.work) await boss.work(job.name, async (jobs) => Promise.all(jobs.map((j) => job.run(j.data ?? {}, ctx))));
    if (job.schedule) await boss.schedule(job.name, job.schedule);
  }
  return { boss, stop: () => boss.stop({ graceful: true, timeout: 10_000 }) };
}
