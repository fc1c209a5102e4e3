import { randomUUID } from "node:crypto";
import { type ProjectContext, projectContextForUser, userActor } from "@/lib/auth/context";
import { db, pool } from "@/lib/db/client";
import { createQueue } from "@/lib/queues/manage";
import { addItems } from "@/lib/queues/items";
import { ZItemsAdd, ZQueueCreate } from "@/lib/queues/schemas";
import { type TestProject, unique } from "./fixtures";

// Queues on a real database: a rubric, traces, raters and a queue, made the way the app makes them.

export async function contextFor(project: TestProject | { slug: string }, userId: string): Promise<ProjectContext> {
  return projectContextForUser(pool(), await userActor(db(), userId), project.slug);
}

export async function makeRubricVersion(projectId: string, status: "PUBLISHED" | "DRAFT" = "PUBLISHED") {
  const rubric = await db().rubric.create({ data: { projectId, slug: unique("rubric"), name: "Quality" } });
  // Criteria are written while the version is a draft: a published version is frozen.
  const draft = await db().rubricVersion.create({ data: { projectId, rubricId: rubric.id } });
  const version = draft;
  await db().criterion.createMany({
    data: [
      {
        projectId,
        rubricVersionId: version.id,
        position: 0,
        key: "helpfulness",
        label: "Helpfulness",
        type: "SCALE",
        measurementLevel: "ORDINAL",
        config: { min: 1, max: 5, levels: [1, 2, 3, 4, 5].map((value) => ({ value, label: `L${value}`, description: `Level ${value}`, exemplars: [] })) },
      },
      {
        projectId,
        rubricVersionId: version.id,
        position: 1,
        key: "correct",
        label: "Correct",
        type: "BINARY",
        measurementLevel: "NOMINAL",
        config: { pass: { label: "Yes", description: "Correct" }, fail: { label: "No", description: "Wrong" } },
      },
      {
        projectId,
        rubricVersionId: version.id,
        position: 2,
        key: "rationale",
        label: "Rationale",
        required: false,
        type: "TEXT",
        measurementLevel: "NONE",
        config: { maxLength: 500 },
      },
      {
        projectId,
        rubricVersionId: version.id,
        position: 3,
        key: "preferred",
        label: "Preferred",
        type: "PREFERENCE",
        measurementLevel: "NOMINAL",
        config: { allowTie: true, allowBothBad: true, strength: false },
      },
      {
        projectId,
        rubricVersionId: version.id,
        position: 4,
        key: "issues",
        label: "Issues",
        required: false,
        type: "MULTI",
        measurementLevel: "NOMINAL",
        config: {
          options: [
            { value: "tone", label: "Tone", description: "" },
            { value: 'facts "quoted"', label: "Facts", description: "" },
            { value: "length", label: "Length", description: "" },
          ],
          minSelected: 0,
          maxSelected: null,
        },
      },
    ],
  });
  if (status === "DRAFT") return version;
  return db().rubricVersion.update({
    where: { projectId_id: { projectId, id: version.id } },
    data: { status: "PUBLISHED", version: 1, publishedAt: new Date() },
  });
}

export async function makeTraces(projectId: string, count: number, extra: (i: number) => Record<string, unknown> = () => ({})): Promise<string[]> {
  const ids: string[] = [];
  const start = Date.UTC(2026, 0, 1);
  for (let i = 0; i < count; i += 500) {
    const batch = Array.from({ length: Math.min(500, count - i) }, (_, j) => ({
      id: randomUUID(),
      projectId,
      externalId: unique(`t${i + j}`),
      input: { q: `question ${i + j}` },
      output: { a: `answer ${i + j}` },
      startTime: new Date(start + (i + j) * 1000),
      ...extra(i + j),
    }));
    await db().trace.createMany({ data: batch });
    ids.push(...batch.map((t) => t.id));
  }
  return ids;
}

/** `count` extra EXPERT members of the project. */
export async function makeRaters(projectId: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const user = await db().user.create({ data: { email: `${unique("rater")}@example.com`, name: `Rater ${i}` } });
    await db().membership.create({ data: { projectId, userId: user.id, role: "EXPERT" } });
    ids.push(user.id);
  }
  return ids;
}

export interface QueueSetup {
  queueId: string;
  traceIds: string[];
  manager: ProjectContext;
}

export async function makeQueue(
  project: TestProject,
  options: { items: number; overlap: number; raters: string[]; blind?: boolean; mode?: "SINGLE" | "PAIRWISE" },
): Promise<QueueSetup> {
  const manager = await contextFor(project, project.users.ENGINEER.id);
  const version = await makeRubricVersion(project.id);
  const queue = await createQueue(
    db(),
    manager,
    ZQueueCreate.parse({
      name: unique("queue"),
      rubricVersionId: version.id,
      overlap: options.overlap,
      blind: options.blind ?? false,
      mode: options.mode ?? "SINGLE",
      memberUserIds: options.raters,
    }),
  );
  const traceIds = await makeTraces(project.id, options.items);
  if ((options.mode ?? "SINGLE") === "SINGLE") await addItems(db(), manager, queue.id, ZItemsAdd.parse({ traceIds }));
  return { queueId: queue.id, traceIds, manager };
}

export const GOOD_LABELS = { helpfulness: 4, correct: true };

export function submission(values: Record<string, unknown> = GOOD_LABELS) {
  return { submissionId: randomUUID(), values: values as never };
}

/** What must hold for a queue whatever happened to it: counts agree, nobody labelled twice. */
export async function invariants(queueId: string) {
  const { rows } = await pool().query(
    `SELECT
       (SELECT count(*) FROM queue_items WHERE queue_id = $1)::int AS items,
       (SELECT count(*) FROM queue_items WHERE queue_id = $1 AND status = 'COMPLETED')::int AS completed,
       (SELECT max(n) FROM (SELECT count(*) AS n FROM scores s JOIN queue_items i ON i.project_id = s.project_id AND i.id = s.queue_item_id
                             WHERE i.queue_id = $1 AND s.name = 'helpfulness' AND s.is_current GROUP BY s.queue_item_id) x)::int AS max_labels,
       (SELECT count(*) FROM (SELECT 1 FROM scores s JOIN queue_items i ON i.project_id = s.project_id AND i.id = s.queue_item_id
                             WHERE i.queue_id = $1 AND s.name = 'helpfulness' GROUP BY s.queue_item_id, s.rater_user_id HAVING count(*) > 1) x)::int AS twice,
       (SELECT count(*) FROM queue_items WHERE queue_id = $1 AND submitted_count <> (SELECT count(*) FROM assignments a WHERE a.queue_item_id = queue_items.id AND a.status = 'SUBMITTED'))::int AS miscounted,
       (SELECT count(*) FROM queue_slots WHERE queue_id = $1)::int AS slots`,
    [queueId],
  );
  return rows[0] as { items: number; completed: number; max_labels: number; twice: number; miscounted: number; slots: number };
}
