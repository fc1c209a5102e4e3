import PgBoss from "pg-boss";
import { withContext } from "@/lib/ops/context";
import { log } from "@/lib/ops/log";
import { metrics } from "@/lib/ops/metrics";
import type { JobContext, JobDefinition } from "./job";
import { JOB_DEFINITIONS } from "./registry";

// Work that outlives a request runs on pg-boss: jobs live in Postgres (schema `pgboss`) and
// are claimed with SKIP LOCKED, so any number of app instances can work the same queues.

export interface JobRunner {
  boss: PgBoss;
  stop(): Promise<void>;
}

/**
 * One run of a job, logged under the id of the request that sent it (when one did), and
 * counted when it fails. The error goes back to pg-boss, which retries the job.
 */
export async function runLogged(job: JobDefinition, data: object, ctx: JobContext): Promise<unknown> {
  const requestId = (data as { requestId?: unknown }).requestId;
  return withContext({ job: job.name, ...(typeof requestId === "string" ? { requestId } : {}) }, async () => {
    const started = performance.now();
    try {
      const result = await job.run(data, ctx);
      // Recurring runs (a sweep every minute) are routine; a job someone sent is worth a line.
      log()[job.schedule ? "debug" : "info"]({ durationMs: Math.round(performance.now() - started) }, "job done");
      return result;
    } catch (error) {
      metrics().jobFailures.inc({ job: job.name });
      log().error({ durationMs: Math.round(performance.now() - started), err: error }, "job failed");
      throw error;
    }
  });
}

export interface JobRunnerOptions {
  /** False: only sends and schedules, works nothing. */
  work?: boolean;
  /** The jobs this runner knows; every registered job unless a test narrows it. */
  definitions?: readonly JobDefinition[];
}

export async function startJobRunner(connectionString: string, { work = true, definitions = JOB_DEFINITIONS }: JobRunnerOptions = {}): Promise<JobRunner> {
  const boss = new PgBoss({ connectionString, schema: "pgboss", max: 4, application_name: "assay-jobs" });
  boss.on("error", (error) => log().error({ err: error }, "job queue error"));
  await boss.start();
  const stopping = new AbortController();
  const ctx: JobContext = {
    send: (name: string, data: object, sendOptions: PgBoss.SendOptions = {}) => boss.send(name, data, sendOptions),
    signal: stopping.signal,
  };
  for (const job of definitions) {
    await boss.createQueue(job.name);
    if (work) await boss.work(job.name, async (jobs) => Promise.all(jobs.map((j) => runLogged(job, (j.data ?? {}) as object, ctx))));
    if (job.schedule) await boss.schedule(job.name, job.schedule);
  }
  return {
    boss,
    // Jobs in hand are told first, so a long one (a judge run) ends within the graceful wait.
    stop: () => {
      stopping.abort();
      return boss.stop({ graceful: true, timeout: 10_000 });
    },
  };
}
