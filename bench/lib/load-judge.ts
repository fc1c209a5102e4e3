import type pg from "pg";
import { db } from "@/lib/db/client";
import { publishedJudgeVersion, stubConnection } from "@/tests/support/judge-fixture";
import { PROJECT } from "./queue-seed";

// The load benchmark's judge client: one judge run at a time over the API, worked by the
// server's own job runner against the local model stub, each run re-judging the next slice
// of the seeded traces. What it reports is judgments stored a second and what went wrong;
// a run's pace is set by the stub and the run's calls in flight, not by a goal of its own.

export const JUDGE = "load";
const RUN_TRACES = 100;
const SLICES = 20;
const POLL_MS = 500;
/** How long the last run is followed past the load's end. */
const FOLLOW_MS = 60_000;

export interface JudgeLoad {
  runs: number;
  judgments: number;
  /** Seconds the runs were being worked (started to finished): the rest went to starting, waiting for a worker and polling. */
  working: number;
}

/** A judge of the queue's `correct` criterion through a connection to the stub; returns the traces its runs take. */
export async function seedJudge(client: pg.Client, stubUrl: string): Promise<string[]> {
  const { rows } = await client.query<{ rubricVersionId: string; criterionId: string }>(
    `SELECT rubric_version_id AS "rubricVersionId", id AS "criterionId" FROM criteria WHERE project_id = $1 AND key = 'correct'`,
    [PROJECT],
  );
  const connectionId = await stubConnection(db(), PROJECT, stubUrl);
  await publishedJudgeVersion(db(), PROJECT, { judgeName: JUDGE, ...rows[0], connectionId });
  const traces = await client.query<{ id: string }>(`SELECT id FROM traces WHERE project_id = $1 ORDER BY id LIMIT $2`, [PROJECT, RUN_TRACES * SLICES]);
  return traces.rows.map((r) => r.id);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts a run, polls it to its end, and starts the next, until `until`; the last run is
 * followed to its end. A run that does not complete, or an item that ends in an error,
 * is a failure (`fail`): the stub answers every call.
 */
export async function judgeClient(base: string, key: string, traceIds: string[], until: number, fail: (what: string) => void): Promise<JudgeLoad> {
  const api = `${base}/api/v1/judges/${JUDGE}/runs`;
  const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
  const load: JudgeLoad = { runs: 0, judgments: 0, working: 0 };
  for (let slice = 0; Date.now() < until; slice = (slice + 1) % Math.ceil(traceIds.length / RUN_TRACES)) {
    const selection = { traceIds: traceIds.slice(slice * RUN_TRACES, (slice + 1) * RUN_TRACES) };
    const body = JSON.stringify({ version: 1, target: { kind: "traces", selection }, rerun: true });
    const res = await fetch(api, { method: "POST", headers, body }).catch(() => null);
    if (res?.status !== 200) {
      fail(`judge start ${res?.status ?? "network"}`);
      await res?.arrayBuffer().catch(() => null);
      await sleep(POLL_MS);
      continue;
    }
    const { run } = (await res.json()) as { run: { id: string } };
    for (;;) {
      await sleep(POLL_MS);
      if (Date.now() > until + FOLLOW_MS) {
        fail("judge run not finished after the load");
        return load;
      }
      const poll = await fetch(`${api}/${run.id}`, { headers }).catch(() => null);
      if (!poll?.ok) {
        fail(`judge poll ${poll?.status ?? "network"}`);
        await poll?.arrayBuffer().catch(() => null);
        continue;
      }
      const state = (await poll.json()) as { status: string; counts: Record<string, number>; startedAt: string | null; finishedAt: string | null };
      if (["QUEUED", "RUNNING"].includes(state.status)) continue;
      load.runs++;
      load.judgments += state.counts.DONE ?? 0;
      if (state.startedAt && state.finishedAt) load.working += (Date.parse(state.finishedAt) - Date.parse(state.startedAt)) / 1000;
      if (state.status !== "COMPLETED") fail(`judge run ${state.status}`);
      if (state.counts.ERROR) fail(`judge item errors (${state.counts.ERROR})`);
      break;
    }
  }
  return load;
}

/** Judged traces with more than one current judge score for the criterion: each must have exactly one. */
export async function judgeViolations(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT trace_id FROM scores WHERE project_id = $1 AND source = 'LLM_JUDGE' AND is_current
      GROUP BY trace_id, name HAVING count(*) > 1) twice`,
    [PROJECT],
  );
  return rows[0].n;
}
