import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as scrape } from "@/app/api/metrics/route";
import { POST as postOtlp } from "@/app/api/otel/v1/traces/route";
import { POST as postTraces } from "@/app/api/v1/traces/route";
import { db } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { resetTraceWrites, traceWrites } from "@/lib/traces/write-gate";
import { type TestProject, call, makeProject, unique } from "@/tests/helpers/fixtures";

// The instance's limit on trace batches written at once, through the real routes and a real
// Postgres: a batch past the limit waits its turn and is then written, or, once it has waited
// longer than ASSAY_INGEST_MAX_WAIT_MS, is answered 429 with Retry-After and nothing stored.
// The test holds the only turn itself, so what happens never depends on timing.

const TOKEN = "metrics-token-0123456789";
let project: TestProject;

function configure(maxWaitMs: number) {
  process.env.ASSAY_INGEST_CONCURRENCY = "1";
  process.env.ASSAY_INGEST_MAX_WAIT_MS = String(maxWaitMs);
  process.env.ASSAY_METRICS_TOKEN = TOKEN;
  resetEnvCache();
  resetTraceWrites();
}

/** Takes the instance's only turn until `release` is called. */
function holdTheTurn() {
  let release!: () => void;
  const held = traceWrites().run(() => new Promise<void>((resolve) => (release = resolve)), Infinity);
  return { release: () => (release(), held) };
}

const send = (ids: string[]) => call(postTraces, { method: "POST", key: project.keys.INGEST, body: { traces: ids.map((id) => ({ id, name: "gated" })) } });
const storedCount = (ids: string[]) => db().trace.count({ where: { projectId: project.id, externalId: { in: ids } } });

async function metric(name: string): Promise<number> {
  const res = await call(scrape, { headers: { authorization: `Bearer ${TOKEN}` } });
  return Number(new RegExp(`^${name} (\\S+)$`, "m").exec(res.text)?.[1]);
}

beforeAll(async () => {
  project = await makeProject();
});
afterAll(() => {
  delete process.env.ASSAY_INGEST_CONCURRENCY;
  delete process.env.ASSAY_INGEST_MAX_WAIT_MS;
  delete process.env.ASSAY_METRICS_TOKEN;
  resetEnvCache();
  resetTraceWrites();
});

describe("the limit on trace batches written at once", () => {
  it("makes a batch past the limit wait for its turn, then writes it and answers 207", async () => {
    configure(600_000);
    const turn = holdTheTurn();
    const ids = [unique("wait"), unique("wait")];
    const answer = send(ids);
    await vi.waitFor(() => expect(traceWrites().waiting).toBe(1));
    expect(await metric("assay_ingest_writes_waiting")).toBe(1);
    expect(await metric("assay_ingest_writes_in_flight")).toBe(1);
    expect(await storedCount(ids)).toBe(0);

    await turn.release();
    const res = await answer;
    expect(res.status).toBe(207);
    expect(res.json.accepted).toBe(2);
    expect(await storedCount(ids)).toBe(2);
    expect([traceWrites().inFlight, traceWrites().waiting]).toEqual([0, 0]);
  });

  it("answers 429 ingestion_busy with Retry-After, stores nothing, and takes the batch sent again", async () => {
    configure(0);
    const turn = holdTheTurn();
    const ids = [unique("busy")];
    const refusedBefore = await metric("assay_ingest_batches_refused_total");
    const res = await send(ids);
    expect(res.status).toBe(429);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.json.code).toBe("ingestion_busy");
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await storedCount(ids)).toBe(0);
    expect(await metric("assay_ingest_batches_refused_total")).toBe(refusedBefore + 1);
    expect(traceWrites().waiting).toBe(0);

    await turn.release();
    const again = await send(ids);
    expect(again.status).toBe(207);
    expect(await storedCount(ids)).toBe(1);
  });

  it("holds OTLP exports to the same limit", async () => {
    configure(0);
    const turn = holdTheTurn();
    const traceId = "5b8efff798038103d269b633813fc60c";
    const body = {
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [{ traceId, spanId: "eee19b7ec3c1b174", name: "gated", startTimeUnixNano: "1700000000000000000", endTimeUnixNano: "1700000001000000000" }],
            },
          ],
        },
      ],
    };
    const res = await call(postOtlp, { method: "POST", key: project.keys.INGEST, body });
    expect(res.status).toBe(429);
    // OTLP/HTTP's error body: a Status in the request's encoding, UNAVAILABLE so exporters retry.
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.json).toEqual({ code: 14, message: expect.stringMatching(/busy/) });
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    await turn.release();
    expect((await call(postOtlp, { method: "POST", key: project.keys.INGEST, body })).status).toBe(200);
  });
});
