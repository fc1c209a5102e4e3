import { database, pool } from "@/lib/db/client";
import type { JobDefinition } from "@/lib/jobs/job";
import { RUN_JUDGE, SWEEP_JUDGE_RUNS } from "./job-names";
import { workRun } from "./worker";

// A run is worked by one job at a time (its singleton key); a run whose worker died (a restart,
// a crash) has PENDING items nobody holds once their leases lapse, and the sweep hands it to
// whichever instance asks next.

export async function sweepJudgeRuns(enqueue: (ref: { projectId: string; runId: string }) => Promise<unknown>): Promise<number> {
  const { rows } = await pool().query<{ projectId: string; runId: string }>(
    `SELECT DISTINCT r.project_id AS "projectId", r.id AS "runId" FROM judge_runs r
       JOIN judge_run_items i ON i.project_id = r.project_id AND i.run_id = r.id AND i.status = 'PENDING' AND (i.lease_expires_at IS NULL OR i.lease_expires_at < now())
      WHERE r.status IN ('QUEUED', 'RUNNING')`,
  );
  for (const r of rows) await enqueue(r);
  return rows.length;
}

export const judgeRunJobs: JobDefinition[] = [
  {
    name: RUN_JUDGE,
    run: (data) => {
      const { projectId, runId } = data as { projectId: string; runId: string };
      return workRun(database(), projectId, runId);
    },
  },
  {
    name: SWEEP_JUDGE_RUNS,
    schedule: "* * * * *",
    run: (_data, ctx) => sweepJudgeRuns((ref) => ctx.send(RUN_JUDGE, ref, { singletonKey: ref.runId })),
  },
];
