import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as list from "@/app/api/projects/[project]/connections/route";
import * as one from "@/app/api/projects/[project]/connections/[connectionId]/route";
import * as rotate from "@/app/api/projects/[project]/connections/[connectionId]/rotate-key/route";
import * as test from "@/app/api/projects/[project]/connections/[connectionId]/test/route";
import * as v1List from "@/app/api/v1/connections/route";
import { resealConnectionSecrets } from "@/lib/connections/secrets";
import { db } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { replaceLogger } from "@/lib/ops/log";
import { captureLogger } from "@/lib/ops/test-capture";
import { resetModelHostsFetch } from "@/lib/outbound";
import { envelopeKeyId } from "@/lib/secrets/envelope";
import { resetKeyring } from "@/lib/secrets/keyring";
import { type TestProject, call, makeProject, unique } from "@/tests/helpers/fixtures";
import { type ModelStub, startModelStub } from "@/tests/support/model-stub";

// Model connections over real HTTP: the stored key, rotation of the key and of the encryption
// key, test calls to the local stub (answers and each kind of failure), and the key never
// coming back in an answer or a log line.

const API_KEY = "sk-test-never-shown-0123456789";
let stub: ModelStub;
let project: TestProject;
let admin: string;
const logs = captureLogger();

function setEnv(values: Record<string, string | undefined>): void {
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetEnvCache();
  resetKeyring();
  resetModelHostsFetch();
}

beforeAll(async () => {
  stub = await startModelStub({ apiKey: API_KEY, slowMs: 3_000 });
  setEnv({ ASSAY_ALLOWED_MODEL_HOSTS: stub.hostPort, ASSAY_ENCRYPTION_KEY: undefined, ASSAY_ENCRYPTION_KEYS_OLD: undefined });
  project = await makeProject();
  admin = project.users.ADMIN.id;
  replaceLogger(logs.logger);
});
afterAll(async () => {
  replaceLogger(undefined);
  setEnv({ ASSAY_ALLOWED_MODEL_HOSTS: undefined, ASSAY_ENCRYPTION_KEY: undefined, ASSAY_ENCRYPTION_KEYS_OLD: undefined });
  await stub.close();
});
afterEach(() => setEnv({ ASSAY_ALLOWED_MODEL_HOSTS: stub.hostPort }));

const params = (connectionId?: string) => ({ project: project.slug, ...(connectionId ? { connectionId } : {}) });

async function create(body: Record<string, unknown> = {}) {
  const res = await call(list.POST, {
    method: "POST",
    params: params(),
    user: admin,
    body: {
      name: unique("stub"),
      baseUrl: stub.url,
      models: [
        { name: "stub-ok", inputPerMillion: 0.15, outputPerMillion: 0.6 },
        { name: "stub-429" },
        { name: "stub-500" },
        { name: "stub-slow" },
        { name: "stub-broken-body" },
      ],
      apiKey: API_KEY,
      headers: [{ name: "X-Gateway-Token", value: "gw-secret-value" }],
      ...body,
    },
  });
  return res;
}

const rowOf = (id: string) =>
  db().modelConnection.findUniqueOrThrow({ where: { projectId_id: { projectId: project.id, id } }, omit: { apiKeySecret: false, headersSecret: false } });

describe("storing a connection", () => {
  it("keeps the key and header values encrypted, answers only that a key exists and the header names", async () => {
    const res = await create();
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ hasApiKey: true, headerNames: ["X-Gateway-Token"], structuredOutput: "json_schema" });
    expect(res.json.models[0]).toEqual({ name: "stub-ok", inputPerMillion: 0.15, outputPerMillion: 0.6 });
    expect(res.json.models[1]).toEqual({ name: "stub-429", inputPerMillion: 0, outputPerMillion: 0 });
    expect(res.text).not.toContain(API_KEY);
    expect(res.text).not.toContain("gw-secret-value");
    const row = await rowOf(res.json.id);
    expect(row.apiKeySecret).not.toContain(API_KEY);
    expect(row.apiKeySecret).toMatch(/^v1:/);
    expect(row.headersSecret).not.toContain("gw-secret-value");
    // Prisma's global omit keeps the columns out of every read that does not ask for them.
    const plain = await db().modelConnection.findUniqueOrThrow({ where: { projectId_id: { projectId: project.id, id: res.json.id } } });
    expect(Object.keys(plain)).not.toContain("apiKeySecret");
    // The key opens and reaches the endpoint: the stub refuses any other.
    const tested = await call(test.POST, { method: "POST", params: params(res.json.id), user: admin, body: {} });
    expect(tested.json).toMatchObject({ ok: true, model: "stub-ok", answer: "OK", usage: { inputTokens: expect.any(Number), outputTokens: 1 } });
    const sent = stub.requests.at(-1)!;
    expect(sent.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(sent.headers["x-gateway-token"]).toBe("gw-secret-value");
  });

  it("refuses a second connection of the same name with 409 connection_name_taken, and bad input with 422 per field", async () => {
    const first = await create();
    const again = await create({ name: first.json.name });
    expect(again.status).toBe(409);
    expect(again.json.code).toBe("connection_name_taken");
    const bad = await create({ baseUrl: "ftp://x", models: [], headers: [{ name: "Host", value: "x" }] });
    expect(bad.status).toBe(422);
    expect(bad.json.code).toBe("validation_failed");
    expect(bad.json.errors.map((e: { path: string }) => e.path).sort()).toEqual(["baseUrl", "headers.0.name", "models"]);
    const withCredentials = await create({ baseUrl: "https://user:pw@example.com/v1" });
    expect(withCredentials.json.errors[0].path).toBe("baseUrl");
  });

  it("changes fields, keeps a header's value when it is sent without one, and audits without secrets", async () => {
    const { json: created } = await create();
    const res = await call(one.PATCH, {
      method: "PATCH",
      params: params(created.id),
      user: admin,
      body: { name: unique("renamed"), structuredOutput: "json_object", headers: [{ name: "X-Gateway-Token" }, { name: "X-Team", value: "red" }] },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ structuredOutput: "json_object", headerNames: ["X-Gateway-Token", "X-Team"], hasApiKey: true });
    await call(test.POST, { method: "POST", params: params(created.id), user: admin, body: {} });
    expect(stub.requests.at(-1)!.headers).toMatchObject({ "x-gateway-token": "gw-secret-value", "x-team": "red" });
    const missing = await call(one.PATCH, { method: "PATCH", params: params(created.id), user: admin, body: { headers: [{ name: "X-New" }] } });
    expect(missing.status).toBe(422);
    expect(missing.json.errors[0].path).toBe("headers.0.value");
    const events = await db().auditEvent.findMany({ where: { projectId: project.id, targetId: created.id }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["connection.create", "connection.update"]);
    expect(JSON.stringify(events)).not.toMatch(/sk-test|gw-secret|red"/);
  });
});

describe("rotation", () => {
  it("replaces the key (the old one is refused by the endpoint), removes it with null, and audits it", async () => {
    const { json: created } = await create({ apiKey: "sk-wrong-key-at-first" });
    const before = await call(test.POST, { method: "POST", params: params(created.id), user: admin, body: {} });
    expect(before.json).toMatchObject({ ok: false, error: { kind: "http", status: 401, message: "Incorrect API key provided." } });
    const rotated = await call(rotate.POST, { method: "POST", params: params(created.id), user: admin, body: { apiKey: API_KEY } });
    expect(rotated.status).toBe(200);
    expect(rotated.text).not.toContain(API_KEY);
    expect((await call(test.POST, { method: "POST", params: params(created.id), user: admin, body: {} })).json.ok).toBe(true);
    const removed = await call(rotate.POST, { method: "POST", params: params(created.id), user: admin, body: { apiKey: null } });
    expect(removed.json.hasApiKey).toBe(false);
    expect((await rowOf(created.id)).apiKeySecret).toBeNull();
    await call(test.POST, { method: "POST", params: params(created.id), user: admin, body: {} });
    expect(stub.requests.at(-1)!.headers.authorization).toBeUndefined();
    const actions = await db().auditEvent.findMany({ where: { targetId: created.id, action: "connection.rotate_key" } });
    expect(actions.map((a) => a.details)).toEqual([
      expect.objectContaining({ hadApiKey: true, hasApiKey: true }),
      expect.objectContaining({ hadApiKey: true, hasApiKey: false }),
    ]);
  });

  it("reads envelopes of the retired encryption key after a rotation, and re-seals them with the new one", async () => {
    const { json: created } = await create();
    const derivedId = envelopeKeyId((await rowOf(created.id)).apiKeySecret!);
    const oldKey = Buffer.alloc(32, 7).toString("base64");
    setEnv({ ASSAY_ENCRYPTION_KEY: oldKey });
    const { json: sealedByOld } = await create();
    const oldId = envelopeKeyId((await rowOf(sealedByOld.id)).apiKeySecret!);
    expect(oldId).not.toBe(derivedId);
    setEnv({ ASSAY_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString("hex"), ASSAY_ENCRYPTION_KEYS_OLD: oldKey });
    for (const id of [created.id, sealedByOld.id])
      expect((await call(test.POST, { method: "POST", params: params(id), user: admin, body: {} })).json.ok).toBe(true);
    const { resealed } = await resealConnectionSecrets(db());
    expect(resealed).toBeGreaterThanOrEqual(2);
    const newId = envelopeKeyId((await rowOf(created.id)).apiKeySecret!);
    expect([derivedId, oldId]).not.toContain(newId);
    expect(envelopeKeyId((await rowOf(sealedByOld.id)).headersSecret!)).toBe(newId);
    // Once re-sealed, the old key can go: only the new one is configured, and the secrets still open.
    setEnv({ ASSAY_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString("hex"), ASSAY_ENCRYPTION_KEYS_OLD: undefined });
    expect((await call(test.POST, { method: "POST", params: params(sealedByOld.id), user: admin, body: {} })).json.ok).toBe(true);
    expect((await resealConnectionSecrets(db())).resealed).toBe(0);
    // Without the key that sealed it, a secret is reported as unreadable, not sent garbled.
    setEnv({ ASSAY_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString("hex"), ASSAY_ENCRYPTION_KEYS_OLD: undefined });
    const lost = await call(test.POST, { method: "POST", params: params(sealedByOld.id), user: admin, body: {} });
    expect(lost.json).toMatchObject({ ok: false, error: { kind: "secret_unreadable" } });
    setEnv({ ASSAY_ENCRYPTION_KEY: undefined, ASSAY_ENCRYPTION_KEYS_OLD: undefined });
  });
});

describe("test connection", () => {
  const run = async (id: string, model: string) => (await call(test.POST, { method: "POST", params: params(id), user: admin, body: { model } })).json;

  it("shows the endpoint's status and message for a 429 and a 500, a broken answer, and a timeout", async () => {
    const { json: created } = await create();
    expect(await run(created.id, "stub-429")).toMatchObject({ ok: false, error: { kind: "http", status: 429, message: "Rate limit reached for requests." } });
    expect(await run(created.id, "stub-500")).toMatchObject({ ok: false, error: { kind: "http", status: 500 } });
    expect(await run(created.id, "stub-broken-body")).toMatchObject({ ok: false, error: { kind: "bad_answer" } });
    const { testConnection } = await import("@/lib/connections/test-call");
    const { database } = await import("@/lib/db/client");
    const { contextFor } = await import("@/tests/helpers/queues");
    const slow = await testConnection(database(), await contextFor(project, admin), created.id, { model: "stub-slow" }, { timeoutMs: 300 });
    expect(slow).toMatchObject({ ok: false, error: { kind: "timeout" } });
  });

  it("refuses a model the connection does not name (422) and another project's connection (404)", async () => {
    const { json: created } = await create();
    const res = await call(test.POST, { method: "POST", params: params(created.id), user: admin, body: { model: "gpt-unknown" } });
    expect(res.status).toBe(422);
    const other = await makeProject();
    const foreign = await call(test.POST, { method: "POST", params: { project: other.slug, connectionId: created.id }, user: other.users.ADMIN.id, body: {} });
    expect(foreign.status).toBe(404);
  });

  it("refuses loopback, private, link-local and metadata addresses and redirects when the host is not allowed", async () => {
    const cases: [string, string][] = [
      [stub.url, "loopback"],
      ["http://10.1.2.3/v1", "private"],
      ["http://192.168.0.10:8000/v1", "private"],
      ["http://169.254.10.1/v1", "link_local"],
      ["http://169.254.169.254/latest", "metadata"],
      ["http://[::1]:8000/v1", "loopback"],
      ["http://[::ffff:127.0.0.1]:8000/v1", "loopback"],
      ["http://[fd00:ec2::254]/v1", "metadata"],
      ["http://100.64.1.1/v1", "carrier_grade_nat"],
      ["http://0.0.0.0:8000/v1", "unspecified"],
    ];
    setEnv({ ASSAY_ALLOWED_MODEL_HOSTS: "" });
    for (const [baseUrl, reason] of cases) {
      const { json: created } = await create({ baseUrl });
      const result = await run(created.id, "stub-ok");
      expect(result, baseUrl).toMatchObject({ ok: false, error: { kind: "refused", reason, status: null } });
    }
    setEnv({ ASSAY_ALLOWED_MODEL_HOSTS: stub.hostPort });
    const { json: redirecting } = await create({ baseUrl: `http://${stub.hostPort}/redirect/v1` });
    expect(await run(redirecting.id, "stub-ok")).toMatchObject({ ok: false, error: { kind: "refused", reason: "redirect" } });
  });

  it("never writes the key or a header value to a log line", async () => {
    const { json: created } = await create();
    for (const model of ["stub-ok", "stub-429", "stub-500"]) await run(created.id, model);
    expect(logs.lines.length).toBeGreaterThan(2);
    const text = JSON.stringify(logs.lines);
    expect(text).not.toContain(API_KEY);
    expect(text).not.toContain("gw-secret-value");
  });
});

describe("reading connections", () => {
  it("lists them to a viewer and a FULL key without any secret, and refuses a FULL key the changes", async () => {
    const { json: created } = await create();
    const viewer = await call(list.GET, { params: params(), user: project.users.VIEWER.id });
    expect(viewer.status).toBe(200);
    expect(viewer.json.connections.map((c: { id: string }) => c.id)).toContain(created.id);
    const byKey = await call(v1List.GET, { key: project.keys.FULL });
    expect(byKey.status).toBe(200);
    for (const text of [viewer.text, byKey.text]) {
      expect(text).not.toContain(API_KEY);
      expect(text).not.toContain("v1:");
    }
    const refused = await call(v1List.POST, { method: "POST", key: project.keys.FULL, body: { name: "x", baseUrl: stub.url, models: [{ name: "m" }] } });
    expect(refused.status).toBe(403);
    const deleted = await call(one.DELETE, { method: "DELETE", params: params(created.id), user: admin });
    expect(deleted.json).toEqual({ deleted: true, id: created.id });
    expect((await call(one.GET, { params: params(created.id), user: admin })).status).toBe(404);
    const audit = await db().auditEvent.findFirst({ where: { targetId: created.id, action: "connection.delete" } });
    expect(audit?.details).toMatchObject({ name: created.name });
  });
});
