import { database, pool } from "@/lib/db/client";
import type { JobDefinition } from "@/lib/jobs/job";
import { RUN_JUDGE, SWEEP_JUDGE_RUNS } from "./job-names";
import { workRun } from "./worker";

// A run is worked by one worker at a time: the worker holds the run's advisory lock, and a second
// job for the run ends at once (worker.ts). The `singletonKey` sent with a run's job does not
// stop a second job on its own: in pg-boss 10 a key dedupes only with `singletonSeconds` or a
// queue policy, and the `singleton`/`stately` policies make a fetch fail on the queue's head while
// that key is active, stalling every other run queued behind it. A worker told the instance is
// stopping stores its calls in flight, releases what it claimed, and sends the run's job again
// for another instance; a run whose worker died (a crash) has PENDING items nobody holds once
// their leases lapse, and the sweep hands it to whichever instance asks next.

/** Hands on runs that lost their worker; a run younger than `graceSeconds` may still be waiting for its first job. */
export async function sweepJudgeRuns(enqueue: (ref: { projectId: string; runId: string }) => Promise<unknown>, graceSeconds = 30): Promise<number> {
  const { rows } = await pool().query<{ projectId: string; runId: string }>(
    // A run being worked always holds leases (its claimed items keep theirs until stored): only
    // a run with claimable items and no live lease has lost its worker.
    `SELECT r.project_id AS "projectId", r.id AS "runId" FROM judge_runs r
      WHERE r.status IN ('QUEUED', 'RUNNING')
        AND EXISTS (SELECT 1 FROM judge_run_items i WHERE i.project_id = r.project_id AND i.run_id = r.id AND i.status = 'PENDING')
        AND NOT EXISTS (SELECT 1 FROM judge_run_items i WHERE i.project_id = r.project_id AND i.run_id = r.id AND i.status = 'PENDING' AND i.lease_expires_at > now())
        AND r.created_at <= now() - $1 * interval '1 second'`,
    [graceSeconds],
  );
  for (const r of rows) await enqueue(r);
  return rows.length;
}

export const judgeRunJobs: JobDefinition[] = [
  {
    name: RUN_JUDGE,
    run: async (data, ctx) => {
      const { projectId, runId } = data as { projectId: string; runId: string };
      const worked = await workRun(database(), projectId, runId, { signal: ctx.signal });
      if (ctx.signal.aborted && worked.status === "RUNNING") await ctx.send(RUN_JUDGE, { projectId, runId }, { singletonKey: runId });
      return worked;
    },
  },
  {
    name: SWEEP_JUDGE_RUNS,
    schedule: "* * * * *",
    run: (_data, ctx) => sweepJudgeRuns((ref) => ctx.send(RUN_JUDGE, ref, { singletonKey: ref.runId })),
  },
];
