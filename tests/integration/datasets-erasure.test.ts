import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { DELETE as deleteEndUser } from "@/app/api/v1/end-users/[endUser]/traces/route";
import { DELETE as deleteTrace } from "@/app/api/v1/traces/[traceRef]/route";
import * as exportRoute from "@/app/api/v1/datasets/[datasetId]/versions/[version]/export/route";
import * as versionsRoute from "@/app/api/v1/datasets/[datasetId]/versions/route";
import * as itemsRoute from "@/app/api/v1/datasets/[datasetId]/items/route";
import * as datasetsRoute from "@/app/api/v1/datasets/route";
import { type TLineage, contentChecksum } from "@/lib/datasets/content";
import { inputHash } from "@/lib/datasets/duplicates";
import { tombstone } from "@/lib/datasets/erasure";
import { db, pool } from "@/lib/db/client";
import { parseAssayLine } from "@/lib/exports/datasets/assay-jsonl";
import { deleteTraceIds } from "@/lib/traces/service";
import { type TestProject, call, makeProject, unique } from "@/tests/helpers/fixtures";
import { seedTraces } from "@/tests/helpers/traces";

// Erasure: an end user's deletion redacts the dataset items copied from their traces, in every
// version holding them, and nothing else; an ordinary deletion or retention leaves the copies.

let project: TestProject;
const DAY = 86_400_000;

beforeAll(async () => {
  project = await makeProject();
});

const lineage = (traceId: string | null, traceBId: string | null = null): TLineage => ({
  traceId,
  spanId: null,
  traceBId,
  queueId: null,
  queueItemId: null,
  labels: [{ criterionKey: "helpful", rubricVersionId: null, value: "yes, said the end user", provenance: "label", raters: ["u1"], adjudicated: false }],
  via: "traces",
  gateOverride: null,
  redacted: null,
});

async function newDataset(extra: Record<string, unknown> = {}) {
  const created = await call(datasetsRoute.POST, { method: "POST", key: project.keys.FULL, body: { name: unique("erasure"), ...extra } });
  expect(created.status).toBe(201);
  return created.json as { id: string };
}

/** An item copied from a trace, as promotion writes it: content and lineage naming the source. */
async function copyFromTrace(datasetId: string, input: string, expectedOutput: unknown, source: TLineage): Promise<string> {
  const portableId = randomUUID();
  await pool().query(
    `WITH i AS (INSERT INTO dataset_items (project_id, dataset_id, portable_id) VALUES ($1, $2, $3) RETURNING id)
     INSERT INTO dataset_item_revisions (project_id, item_id, dataset_id, revision, input, expected_output, metadata, splits, lineage, input_hash)
     SELECT $1, i.id, $2, 1, $4::jsonb, $5::jsonb, '{"customer": "Ada"}'::jsonb, ARRAY['test'], $6::jsonb, $7 FROM i`,
    [project.id, datasetId, portableId, JSON.stringify(input), JSON.stringify(expectedOutput), JSON.stringify(source), inputHash(input)],
  );
  return portableId;
}

const publish = async (datasetId: string) => {
  const res = await call(versionsRoute.POST, { method: "POST", key: project.keys.FULL, params: { datasetId }, body: { note: "" } });
  expect(res.status).toBe(201);
  return res.json as { number: number; checksum: string; redacted: boolean };
};

const versions = async (datasetId: string) =>
  (await call(versionsRoute.GET, { key: project.keys.FULL, params: { datasetId } })).json.versions as {
    number: number;
    checksum: string;
    redacted: boolean;
    redaction: string | null;
  }[];

async function exportJsonl(datasetId: string, version: number) {
  const request = new Request(`http://assay.test/api/v1/datasets/${datasetId}/versions/${version}/export?format=jsonl`, {
    headers: { authorization: `Bearer ${project.keys.FULL}` },
  });
  const response = await exportRoute.GET(request, { params: Promise.resolve({ datasetId, version: String(version) }) });
  expect(response.status).toBe(200);
  const items = (await response.text()).trim().split("\n").map(parseAssayLine);
  return { headers: response.headers, items };
}

describe("dataset erasure", () => {
  it("keeps copies through an ordinary deletion and retention, and redacts them when their end user's data is deleted", async () => {
    const user = unique("end-user");
    const ids = await seedTraces(project.id, [
      { externalId: unique("a"), startTime: new Date(), endUserId: user },
      { externalId: unique("b"), startTime: new Date(), endUserId: user },
      { externalId: unique("other"), startTime: new Date(), endUserId: `${user}-other` },
      { externalId: unique("old"), startTime: new Date(Date.now() - 40 * DAY), endUserId: `${user}-old` },
    ]);
    const [a, b, other, old] = [...ids.entries()];
    const dataset = await newDataset({ expectedSchema: { type: "object" } });
    const untouched = await newDataset();
    await call(itemsRoute.POST, { method: "POST", key: project.keys.FULL, params: { datasetId: dataset.id }, body: { items: [{ input: "Written by hand" }] } });
    const v1 = await publish(dataset.id);
    // By internal id, by external id, and as the second trace of a pair.
    const fromA = await copyFromTrace(dataset.id, "My card number is 4111", { answer: "Do not share it" }, lineage(a[1]));
    await copyFromTrace(dataset.id, "Second question from the same person", null, lineage(null, b[0]));
    const fromOther = await copyFromTrace(dataset.id, "Someone else asked", { answer: "kept" }, lineage(other[0]));
    const fromOld = await copyFromTrace(dataset.id, "An old question", { answer: "kept too" }, lineage(old[1]));
    await copyFromTrace(untouched.id, "Another dataset's copy", null, lineage(other[1]));
    const v2 = await publish(dataset.id);
    const u1 = await publish(untouched.id);

    // Items are copies: the ordinary deletion of one trace and retention by age leave them alone.
    expect((await call(deleteTrace, { method: "DELETE", key: project.keys.FULL, params: { traceRef: other[0] }, path: "/x?reason=cleanup" })).status).toBe(200);
    expect(await deleteTraceIds(db(), project.id, { startTime: { lt: new Date(Date.now() - 30 * DAY) } })).toBe(1);
    expect((await versions(dataset.id)).map((v) => [v.number, v.checksum, v.redacted])).toEqual([
      [2, v2.checksum, false],
      [1, v1.checksum, false],
    ]);
    const kept = (await exportJsonl(dataset.id, 2)).items;
    expect(kept.find((i) => i.portableId === fromOther)?.input).toBe("Someone else asked");
    expect(kept.find((i) => i.portableId === fromOld)?.lineage?.traceId).toBe(old[1]);

    const res = await call(deleteEndUser, { method: "DELETE", key: project.keys.FULL, params: { endUser: user }, path: "/x?reason=dsr-7" });
    expect(res.status).toBe(200);
    expect(res.json.deleted).toBe(2);
    const event = await db().auditEvent.findFirstOrThrow({ where: { projectId: project.id, action: "trace.delete_end_user", targetId: user } });
    expect(event.details).toMatchObject({ deleted: 2, datasetItemsRedacted: 2 });
    const notice = tombstone(event.id);

    const after = await versions(dataset.id);
    expect(after[1]).toMatchObject({ number: 1, checksum: v1.checksum, redacted: false, redaction: null });
    expect(after[0]).toMatchObject({ number: 2, redacted: true, redaction: `End user data deleted (audit event ${event.id})` });
    expect(after[0].checksum).not.toBe(v2.checksum);
    expect((await versions(untouched.id))[0]).toMatchObject({ checksum: u1.checksum, redacted: false });

    const exported = await exportJsonl(dataset.id, 2);
    expect(exported.headers.get("x-assay-redacted")).toBe("true");
    expect(exported.headers.get("x-assay-checksum")).toBe(after[0].checksum);
    expect(contentChecksum(exported.items)).toBe(after[0].checksum);
    const redacted = exported.items.filter((i) => i.lineage?.redacted);
    expect(redacted).toHaveLength(2);
    for (const item of redacted) {
      expect(item.input).toBe(notice);
      expect(item.metadata).toEqual({});
      expect(item.splits).toEqual(["test"]);
      expect(item.lineage).toMatchObject({ traceId: null, traceBId: null, labels: [], via: "traces", redacted: notice });
      expect(JSON.stringify(item)).not.toMatch(/4111|Ada|said the end user/);
    }
    expect(redacted.find((i) => i.portableId === fromA)?.expectedOutput).toBe(notice);
    expect(exported.items.find((i) => i.portableId === fromOther)?.input).toBe("Someone else asked");
    const audit = await db().auditEvent.findFirstOrThrow({ where: { projectId: project.id, action: "dataset.redact", targetId: dataset.id } });
    expect(audit.details).toEqual({ deletion: event.id, items: 2, versions: [2] });

    // The redacted items stay current, and the next version publishes (its schemas do not apply to a notice).
    const v3 = await publish(dataset.id);
    expect(v3.checksum).toBe(after[0].checksum);
  });

  it("still refuses every other change to published versions and revisions, with or without the erasure flag", async () => {
    const dataset = await newDataset();
    await call(itemsRoute.POST, { method: "POST", key: project.keys.FULL, params: { datasetId: dataset.id }, body: { items: [{ input: "frozen" }] } });
    await publish(dataset.id);
    const refused = async (sql: string, erasing: boolean) => {
      const client = await pool().connect();
      try {
        await client.query("BEGIN");
        if (erasing) await client.query("SET LOCAL assay.erasure = on");
        await client.query(sql, [project.id, dataset.id]);
        return false;
      } catch (error) {
        return /cannot change/.test(String(error));
      } finally {
        await client.query("ROLLBACK");
        client.release();
      }
    };
    const versionChecksum = `UPDATE dataset_versions SET checksum = 'sha256:0' WHERE project_id = $1 AND dataset_id = $2`;
    const revisionInput = `UPDATE dataset_item_revisions SET input = '"changed"' WHERE project_id = $1 AND dataset_id = $2`;
    expect(await refused(versionChecksum, false)).toBe(true);
    expect(await refused(revisionInput, false)).toBe(true);
    // Under the flag, only a redaction passes: content changed without marking it redacted does not.
    expect(await refused(versionChecksum, true)).toBe(true);
    expect(await refused(revisionInput, true)).toBe(true);
    expect(await refused(`UPDATE dataset_versions SET note = 'x', redacted_at = now(), redaction = 'r' WHERE project_id = $1 AND dataset_id = $2`, true)).toBe(
      true,
    );
    expect(await refused(`UPDATE dataset_item_revisions SET splits = ARRAY['x'], redacted_at = now() WHERE project_id = $1 AND dataset_id = $2`, true)).toBe(
      true,
    );
  });
});
