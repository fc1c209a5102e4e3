import { POST as postScores } from "@/app/api/v1/scores/route";
import { database, db } from "@/lib/db/client";
import { claimNext } from "@/lib/queues/claim";
import { skipItem } from "@/lib/queues/labeling";
import { submitLabels } from "@/lib/queues/submit";
import { type TestProject, call } from "./fixtures";
import { contextFor, submission } from "./queues";

// Labels with chosen values on a real queue: each rater claims items in the queue's order and
// answers what `valuesFor` says for the item's trace (null skips it).

export async function labelQueue(
  project: TestProject,
  queueId: string,
  raterId: string,
  valuesFor: (traceId: string) => Record<string, unknown> | null,
): Promise<number> {
  const ctx = await contextFor(project, raterId);
  const exclude: string[] = [];
  let submitted = 0;
  for (;;) {
    const lease = await claimNext(database(), ctx, queueId, { exclude });
    if (!lease) return submitted;
    const item = await db().queueItem.findUniqueOrThrow({ where: { projectId_id: { projectId: project.id, id: lease.itemId } } });
    const values = valuesFor(item.traceId!);
    if (values === null) {
      await skipItem(database(), ctx, queueId, lease.itemId, {});
      exclude.push(lease.itemId);
      continue;
    }
    await submitLabels(database(), ctx, queueId, lease.itemId, submission(values));
    submitted++;
  }
}

/** The slug of the rubric a queue labels against, for scores sent with a rubric reference. */
export async function rubricSlugOf(projectId: string, queueId: string): Promise<string> {
  const queue = await db().queue.findUniqueOrThrow({
    where: { projectId_id: { projectId, id: queueId } },
    include: { rubricVersion: { include: { rubric: true } } },
  });
  return queue.rubricVersion.rubric.slug;
}

/** HUMAN scores on traces through the public API, as an annotator's tool sends them. */
export async function sendHumanScores(project: TestProject, key: string, scores: Record<string, unknown>[]) {
  const traces = await db().trace.findMany({ where: { projectId: project.id, id: { in: scores.map((s) => s.trace as string) } } });
  const external = new Map(traces.map((t) => [t.id, t.externalId]));
  const res = await call(postScores, {
    method: "POST",
    key,
    origin: null,
    body: { scores: scores.map(({ trace, ...s }) => ({ traceId: external.get(trace as string), source: "HUMAN", ...s })) },
  });
  if (res.status >= 300) throw new Error(`scores refused: ${res.status} ${res.text}`);
  return res.json;
}
