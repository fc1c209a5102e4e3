import { describe, expect, it } from "vitest";
import * as progressRoute from "@/app/api/v1/queues/[queueId]/progress/route";
import { labelQueue } from "@/tests/helpers/agreement";
import { call, makeProject } from "@/tests/helpers/fixtures";
import { makeQueue, makeRaters } from "@/tests/helpers/queues";

// The experts' figures beside a queue's progress: labels done, skip rate, seconds per item.

describe("experts' figures", () => {
  it("gives each rater their labels done, skip rate and median seconds per item", async () => {
    const project = await makeProject();
    const raters = await makeRaters(project.id, 2);
    const { queueId, traceIds } = await makeQueue(project, { items: 4, overlap: 2, raters });
    await labelQueue(project, queueId, raters[0], () => ({ helpfulness: 4, correct: true }));
    await labelQueue(project, queueId, raters[1], (trace) => (traceIds.indexOf(trace) === 0 ? null : { helpfulness: 3, correct: true }));
    const res = await call(progressRoute.GET, { key: project.keys.FULL, origin: null, params: { queueId } });
    expect(res.status).toBe(200);
    const [first, second] = res.json.raters;
    expect([first.done, first.skipped, first.skipRate]).toEqual([4, 0, 0]);
    expect([second.done, second.skipped, second.skipRate]).toEqual([3, 1, 0.25]);
    expect(first.medianSeconds).toBeGreaterThanOrEqual(0);
  });
});
