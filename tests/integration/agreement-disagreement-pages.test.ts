import { beforeAll, describe, expect, it } from "vitest";
import * as disagreementsRoute from "@/app/api/projects/[project]/queues/[queueId]/disagreements/route";
import { database } from "@/lib/db/client";
import { adjudicationUnit } from "@/lib/reports/adjudication-unit";
import { disputedUnit } from "@/lib/reports/disagreements";
import { labelQueue } from "@/tests/helpers/agreement";
import { type TestProject, call, makeProject } from "@/tests/helpers/fixtures";
import { contextFor, makeQueue, makeRaters } from "@/tests/helpers/queues";

// Paging through every disputed unit of a queue larger than one page: the route's cursor walks
// the whole ranking once, and the settle screen finds a unit wherever it ranks, with its place
// and its neighbours, so saving the last unit of a page opens the first of the next.

const ITEMS = 106;
let project: TestProject;
let queueId: string;
let traceIds: string[];
let single: string;
type Unit = { itemId: string; side: "A" | "B" | null; disagreement: number };

async function page(query: string) {
  const res = await call(disagreementsRoute.GET, {
    user: project.users.ADMIN.id,
    params: { project: project.slug, queueId },
    path: `/x?criterion=helpfulness${query}`,
  });
  expect(res.status).toBe(200);
  return res.json as { items: Unit[]; total: number; nextCursor: string | null };
}

async function walk(limit: number): Promise<Unit[]> {
  const units: Unit[] = [];
  for (let cursor: string | null = null, pages = 0; ; pages++) {
    const answer = await page(`&limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`);
    units.push(...answer.items);
    if (!answer.nextCursor) return units;
    expect(pages).toBeLessThan(ITEMS);
    cursor = answer.nextCursor;
  }
}

beforeAll(async () => {
  project = await makeProject();
  const raters = await makeRaters(project.id, 2);
  ({ queueId, traceIds } = await makeQueue(project, { items: ITEMS, overlap: 2, raters }));
  // Two raters who agree on some items and split by one to four levels on others; the last
  // item has one label only, so it is not disputed.
  await labelQueue(project, queueId, raters[0], (trace) => ({ helpfulness: 1 + (traceIds.indexOf(trace) % 5), correct: true }));
  await labelQueue(project, queueId, raters[1], (trace) => {
    const i = traceIds.indexOf(trace);
    return i === ITEMS - 1 ? null : { helpfulness: 1 + ((i * 3) % 5), correct: i % 2 === 0 };
  });
  const { rows } = await database().sql.query(`SELECT id FROM queue_items WHERE queue_id = $1 AND trace_id = $2`, [queueId, traceIds[ITEMS - 1]]);
  single = rows[0].id;
}, 120_000);

describe("paging through a queue's disagreements", () => {
  it("walks every unit with two labels once, most disputed first, whatever the page size", async () => {
    const first = await page("&limit=100");
    expect(first.total).toBe(ITEMS - 1);
    expect(first.items).toHaveLength(100);
    expect(first.nextCursor).toBe("100");
    const byForty = await walk(40);
    expect(byForty.map((u) => u.itemId)).toHaveLength(ITEMS - 1);
    expect(new Set(byForty.map((u) => u.itemId)).size).toBe(ITEMS - 1);
    expect(byForty.map((u) => u.itemId)).not.toContain(single);
    for (let i = 1; i < byForty.length; i++) expect(byForty[i].disagreement).toBeLessThanOrEqual(byForty[i - 1].disagreement);
    expect(byForty.slice(0, 100)).toEqual(first.items);
    expect((await walk(100)).map((u) => u.itemId)).toEqual(byForty.map((u) => u.itemId));
  });

  it("finds a unit ranked past the first page, with its place, its neighbours and the list page it is on", async () => {
    const ranking = await walk(100);
    const admin = await contextFor(project, project.users.ADMIN.id);
    const at = (n: number) => adjudicationUnit(database(), admin, { queueId, itemId: ranking[n - 1].itemId, criterion: "helpfulness" });
    const base = `/p/${project.slug}/queues/${queueId}`;
    const href = (n: number) => `${base}/disagreements/${ranking[n - 1].itemId}?criterion=helpfulness`;

    // The last unit of the first page opens the first of the second when saved.
    const hundredth = await at(100);
    if (hundredth === "not_disputed") throw new Error("unit 100 not found");
    expect(hundredth).toMatchObject({ position: 100, total: ITEMS - 1, previousHref: href(99), nextHref: href(101) });
    expect(hundredth.listHref).toBe(`${base}/disagreements?criterion=helpfulness`);

    const next = await at(101);
    if (next === "not_disputed") throw new Error("unit 101 not found");
    expect(next.unit.itemId).toBe(ranking[100].itemId);
    expect(next.unit.labels).toHaveLength(2);
    expect(next).toMatchObject({ position: 101, previousHref: href(100), nextHref: href(102), refusal: null });
    expect(next.listHref).toBe(`${base}/disagreements?criterion=helpfulness&cursor=100`);

    const last = await at(ITEMS - 1);
    expect(last).toMatchObject({ position: ITEMS - 1, nextHref: null });
    expect(await adjudicationUnit(database(), admin, { queueId, itemId: single, criterion: "helpfulness" })).toBe("not_disputed");
  });

  it("answers a unit's place to its readers only", async () => {
    const unit = (await walk(100))[102];
    const expert = await contextFor(project, (await makeRaters(project.id, 1))[0]);
    await expect(disputedUnit(database(), expert, queueId, { itemId: unit.itemId, side: null, criterion: "helpfulness" })).rejects.toMatchObject({
      code: "forbidden",
    });
  });
});
