import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ZQueueSelection } from "@/lib/traces/schemas";
import { addTracesToQueue } from "@/lib/traces/selection";
import { type TestProject, makeProject } from "@/tests/helpers/fixtures";
import { memberContext, seedTraces } from "@/tests/helpers/traces";

// Sending explorer selections to a queue: each trace at most once, locked once queued, and
// only the project's own traces and queues.

let home: TestProject;
let other: TestProject;
let ids: Map<string, string>;
let foreignTrace: string;

async function makeQueue(projectId: string, status: "ACTIVE" | "ARCHIVED" = "ACTIVE") {
  const rubric = await db().rubric.create({ data: { projectId, slug: `r-${crypto.randomUUID()}`, name: "r" } });
  const version = await db().rubricVersion.create({ data: { projectId, rubricId: rubric.id, version: 1, status: "PUBLISHED" } });
  return (await db().queue.create({ data: { projectId, name: "review", rubricVersionId: version.id, status } })).id;
}

const at = (minute: number) => new Date(Date.UTC(2026, 9, 2, 8, minute));

beforeAll(async () => {
  home = await makeProject();
  other = await makeProject();
  ids = await seedTraces(home.id, [
    { externalId: "a", startTime: at(1), tags: ["review"] },
    { externalId: "b", startTime: at(2), tags: ["review"] },
    { externalId: "c", startTime: at(3) },
  ]);
  foreignTrace = (await seedTraces(other.id, [{ externalId: "x", startTime: at(1), tags: ["review"] }])).get("x")!;
});

async function queued(queueId: string) {
  const items = await db().queueItem.findMany({ where: { projectId: home.id, queueId }, select: { traceId: true } });
  return items.map((i) => i.traceId).sort();
}

describe("sending traces to a queue", () => {
  it("adds the chosen traces once, reports repeats and other projects' ids, and locks them", async () => {
    const queueId = await makeQueue(home.id);
    const ctx = await memberContext(home, "ENGINEER");
    const first = await addTracesToQueue(db(), ctx, queueId, { traceIds: [ids.get("a")!, ids.get("b")!, foreignTrace] });
    expect(first).toEqual({ added: 2, duplicates: 0, missing: 1 });
    const again = await addTracesToQueue(db(), ctx, queueId, { traceIds: [ids.get("b")!, ids.get("c")!, ids.get("c")!] });
    expect(again).toEqual({ added: 1, duplicates: 1, missing: 0 });
    expect(await queued(queueId)).toEqual([ids.get("a"), ids.get("b"), ids.get("c")].sort());
    const locked = await db().trace.findMany({ where: { projectId: home.id, lockedAt: { not: null } }, select: { externalId: true } });
    expect(locked.map((t) => t.externalId).sort()).toEqual(["a", "b", "c"]);
    expect(await db().queueItem.count({ where: { projectId: other.id } })).toBe(0);
    const audit = await db().auditEvent.findFirst({ where: { projectId: home.id, action: "queue.items.add" }, orderBy: { createdAt: "desc" } });
    expect(audit?.details).toMatchObject({ added: 1, duplicates: 1 });
  });

  it("resolves 'all matching this filter' to the traces matching at that moment", async () => {
    const queueId = await makeQueue(home.id);
    const ctx = await memberContext(home, "ADMIN");
    const result = await addTracesToQueue(db(), ctx, queueId, ZQueueSelection.parse({ filter: { tags: "review" } }));
    expect(result).toEqual({ added: 2, duplicates: 0, missing: 0 });
    expect(await queued(queueId)).toEqual([ids.get("a"), ids.get("b")].sort());
  });

  it("refuses roles without queues:manage, and queues that are archived or another project's", async () => {
    const queueId = await makeQueue(home.id);
    for (const role of ["VIEWER", "EXPERT"] as const) {
      await expect(addTracesToQueue(db(), await memberContext(home, role), queueId, { traceIds: [ids.get("a")!] })).rejects.toMatchObject({
        code: "forbidden",
      });
    }
    const engineer = await memberContext(home, "ENGINEER");
    await expect(addTracesToQueue(db(), engineer, await makeQueue(home.id, "ARCHIVED"), { traceIds: [ids.get("a")!] })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(addTracesToQueue(db(), engineer, await makeQueue(other.id), { traceIds: [ids.get("a")!] })).rejects.toMatchObject({ code: "not_found" });
    expect(await queued(queueId)).toEqual([]);
  });
});
