import PgBoss from "pg-boss";
import { db } from "../db/client";
import { purgeExpiredTraces } from "../traces/retention";
import { purgeExpiredTokens } from "./maintenance";

// Work that outlives a request runs on pg-boss: jobs live in Postgres (schema `pgboss`) and
// are claimed with SKIP LOCKED, so any number of app instances can work the same queues.

export const JOBS = {
  purgeExpiredTokens: "maintenance.purge-expired-tokens",
  purgeExpiredTraces: "traces.retention",
} as const;

type JobName = (typeof JOBS)[keyof typeof JOBS];

const HANDLERS: Record<JobName, (data: object) => Promise<unknown>> = {
  [JOBS.purgeExpiredTokens]: () => purgeExpiredTokens(db()),
  [JOBS.purgeExpiredTraces]: () => purgeExpiredTraces(db()),
};

const SCHEDULES: Partial<Record<JobName, string>> = {
  [JOBS.purgeExpiredTokens]: "17 3 * * *",
  [JOBS.purgeExpiredTraces]: "43 2 * * *",
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
    if (options.work) await boss.work(name, async (jobs) => Promise.all(jobs.map((job) => HANDLERS[name](job.data ?? {}))));
    const cron = SCHEDULES[name];
    if (cron) await boss.schedule(name, cron);
  }
  return { boss, stop: () => boss.stop({ graceful: true, timeout: 10_000 }) };
}
