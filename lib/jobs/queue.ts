import PgBoss from "pg-boss";
import { db, pool } from "../db/client";
import { runImportJob, sweepImports } from "../imports/worker";
import { purgeExpiredTraces } from "../traces/retention";
import { purgeExpiredTokens } from "./maintenance";
import { JOBS, type JobName } from "./names";

// Work that outlives a request runs on pg-boss: jobs live in Postgres (schema `pgboss`) and
// are claimed with SKIP LOCKED, so any number of app instances can work the same queues.

export { JOBS };

const HANDLERS: Record<JobName, (data: object, boss: PgBoss) => Promise<unknown>> = {
  [JOBS.purgeExpiredTokens]: () => purgeExpiredTokens(db()),
  [JOBS.purgeExpiredTraces]: () => purgeExpiredTraces(db()),
  [JOBS.runImport]: (data) => runImportJob(db(), pool(), data),
  // Imports whose worker died (a restart, a crash) are handed to whichever instance asks next.
  [JOBS.sweepImports]: (_data, boss) => sweepImports(pool(), (importRef) => boss.send(JOBS.runImport, importRef, { singletonKey: importRef.importId })),
};

const SCHEDULES: Partial<Record<JobName, string>> = {
  [JOBS.purgeExpiredTokens]: "17 3 * * *",
  [JOBS.purgeExpiredTraces]: "43 2 * * *",
  [JOBS.sweepImports]: "* * * * *",
};

export interface JobRunner {
  boss: PgBoss;
  stop(): Promise<void>;
}

export async function startJobRunner(connectionString: string, options: { work: boolean } = { work: true }): Promise<JobRunner> {
  const boss = new PgBoss({ connectionString, schema: "pgboss", max: 4, application_name: "assay-jobs" });
  boss.on("error", (error) => console.error("[assay] job queue error", error));
  await boss.start();
  for (const name of Object.values(JOBS)) {
    await boss.createQueue(name);
    if (options.work) await boss.work(name, async (jobs) => Promise.all(jobs.map((job) => HANDLERS[name](job.data ?? {}, boss))));
    const cron = SCHEDULES[name];
    if (cron) await boss.schedule(name, cron);
  }
  return { boss, stop: () => boss.stop({ graceful: true, timeout: 10_000 }) };
}
