import { beforeAll, describe, expect, it } from "vitest";
import { database, db } from "@/lib/db/client";
import { addAdjudicator } from "@/lib/queues/adjudicators";
import { getItem } from "@/lib/queues/view";
import { labelQueue } from "@/tests/helpers/agreement";
import { type TestProject, makeProject } from "@/tests/helpers/fixtures";
import { contextFor, makeQueue, makeRaters } from "@/tests/helpers/queues";

// The settle screen shows an item as the labeling screen does. A named adjudicator who is not
// one of the queue's raters opens its items, with every rater's labels even in a blind queue;
// an expert who is neither rater nor adjudicator still finds nothing.

let project: TestProject;
let raters: string[];
let queueId: string;
let traceIds: string[];

beforeAll(async () => {
  project = await makeProject();
  raters = await makeRaters(project.id, 4);
  ({ queueId, traceIds } = await makeQueue(project, { items: 1, overlap: 2, raters: raters.slice(0, 2), blind: true }));
  for (const [r, rater] of raters.slice(0, 2).entries()) await labelQueue(project, queueId, rater, () => ({ helpfulness: r === 0 ? 1 : 5, correct: r === 0 }));
  await addAdjudicator(database(), await contextFor(project, project.users.ADMIN.id), queueId, raters[2]);
});

describe("an item seen by an adjudicator", () => {
  it("opens for a named adjudicator outside the raters, with both raters' labels; not for another expert", async () => {
    const item = await db().queueItem.findFirstOrThrow({ where: { projectId: project.id, queueId, traceId: traceIds[0] } });
    const view = await getItem(database(), await contextFor(project, raters[2]), queueId, item.id);
    expect(view.trace?.id).toBe(traceIds[0]);
    expect(view.others.hidden).toBe(false);
    expect(
      view.others.labels
        .filter((l) => l.name === "helpfulness")
        .map((l) => l.numberValue)
        .sort(),
    ).toEqual([1, 5]);
    await expect(getItem(database(), await contextFor(project, raters[3]), queueId, item.id)).rejects.toMatchObject({ code: "not_found" });
  });
});
