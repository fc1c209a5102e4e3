import type PgBoss from "pg-boss";

// What a capability contributes to the job queue: a named handler and, for recurring work,
// a cron schedule. Capabilities declare theirs beside their code (`lib/<capability>/jobs.ts`);
// `registry.ts` gathers them, and the runner knows nothing else about any of them.

export interface JobContext {
  /** Enqueues another job (e.g. a sweep handing abandoned work back to the queue). */
  send(name: string, data: object, options?: PgBoss.SendOptions): Promise<unknown>;
  /** Aborted when the instance stops: a long job stops early and hands the rest of its work on. */
  signal: AbortSignal;
}

export interface JobDefinition {
  name: string;
  /** Cron expression for recurring work; none for work that is only ever sent. */
  schedule?: string;
  run(data: object, ctx: JobContext): Promise<unknown>;
}
