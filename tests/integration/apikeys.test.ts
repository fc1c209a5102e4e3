import { describe, expect, it } from "vitest";
import { createApiKey, listApiKeys, revokeApiKey } from "@/lib/apikeys/service";
import { projectContextForApiKey } from "@/lib/auth/context";
import { scopesForKey } from "@/lib/auth/scopes";
import { sha256 } from "@/lib/auth/tokens";
import { db, pool } from "@/lib/db/client";
import { codeOf, makeProject, unique } from "@/tests/helpers/fixtures";
import { memberContext as contextOf } from "@/tests/helpers/traces";

// API keys: shown once, stored as a hash, listed without their secret, dead once revoked.

async function lastUsedAt(projectId: string, id: string): Promise<Date | null> {
  return (await db().apiKey.findUniqueOrThrow({ where: { projectId_id: { projectId, id } } })).lastUsedAt;
}

describe("API keys", () => {
  it("show the secret once, store only its hash and never list it", async () => {
    const project = await makeProject();
    const admin = await contextOf(project, "ADMIN");
    const name = unique("ingest for prod");
    const created = await createApiKey(db(), admin, { name, scope: "INGEST" });
    expect(created.secret).toMatch(/^assay_/);
    expect(created).toMatchObject({ name, scope: "INGEST", lastUsedAt: null, revokedAt: null });

    const row = await db().apiKey.findUniqueOrThrow({ where: { projectId_id: { projectId: project.id, id: created.id } }, omit: { keyHash: false } });
    expect(row.keyHash).toBe(sha256(created.secret));
    expect(JSON.stringify(row)).not.toContain(created.secret);

    const listed = await listApiKeys(db(), admin);
    expect(listed.map((k) => k.id)).toContain(created.id);
    const text = JSON.stringify(listed);
    expect(text).not.toContain(created.secret);
    expect(text).not.toContain(row.keyHash);
    expect(text).not.toContain("keyHash");
    expect(listed.find((k) => k.id === created.id)?.displayHint).toBe(row.displayHint);

    const events = await db().auditEvent.findMany({ where: { action: "apikey.create", targetId: created.id } });
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events)).not.toContain(created.secret);
  });

  it("authenticate as their project with their scope until revoked", async () => {
    const project = await makeProject();
    const admin = await contextOf(project, "ADMIN");
    const created = await createApiKey(db(), admin, { name: "full", scope: "FULL" });

    const ctx = await projectContextForApiKey(pool(), created.secret);
    expect(ctx.project).toEqual({ id: project.id, slug: project.slug, name: `Project ${project.slug}` });
    expect(ctx.actor).toEqual({ kind: "apiKey", apiKeyId: created.id, keyScope: "FULL" });
    expect(ctx.role).toBeNull();
    expect([...ctx.scopes].sort()).toEqual([...scopesForKey("FULL")].sort());

    const revoked = await revokeApiKey(db(), admin, created.id);
    expect(revoked.revokedAt).not.toBeNull();
    expect(await codeOf(projectContextForApiKey(pool(), created.secret))).toBe("unauthenticated");
    expect(await db().auditEvent.count({ where: { action: "apikey.revoke", targetId: created.id } })).toBe(1);
    // The other keys of the project keep working.
    expect((await projectContextForApiKey(pool(), project.keys.INGEST)).project.id).toBe(project.id);
  });

  it("refuse unknown secrets and keys of archived projects", async () => {
    const project = await makeProject();
    expect(await codeOf(projectContextForApiKey(pool(), `${project.keys.FULL}x`))).toBe("unauthenticated");
    await db().project.update({ where: { id: project.id }, data: { archivedAt: new Date() } });
    expect(await codeOf(projectContextForApiKey(pool(), project.keys.FULL))).toBe("unauthenticated");
  });

  it("are managed only by admins, never by a key", async () => {
    const project = await makeProject();
    expect(await codeOf(createApiKey(db(), await contextOf(project, "ENGINEER"), { name: "x", scope: "FULL" }))).toBe("forbidden");
    // Not even an ADMIN key: keys are managed by signed-in admins only.
    for (const key of [project.keys.FULL, project.keys.ADMIN]) {
      const keyCtx = await projectContextForApiKey(pool(), key);
      expect(await codeOf(createApiKey(db(), keyCtx, { name: "x", scope: "FULL" }))).toBe("forbidden");
      expect(await codeOf(listApiKeys(db(), keyCtx))).toBe("forbidden");
    }
    expect(await db().apiKey.count({ where: { projectId: project.id } })).toBe(3);
  });

  it("cannot be revoked from another project", async () => {
    const project = await makeProject();
    const other = await makeProject();
    const created = await createApiKey(db(), await contextOf(project, "ADMIN"), { name: "mine", scope: "INGEST" });
    expect(await codeOf(revokeApiKey(db(), await contextOf(other, "ADMIN"), created.id))).toBe("not_found");
    expect((await projectContextForApiKey(pool(), created.secret)).project.id).toBe(project.id);
  });

  it("record their last use to the minute", async () => {
    const project = await makeProject();
    const created = await createApiKey(db(), await contextOf(project, "ADMIN"), { name: "hot path", scope: "INGEST" });
    expect(await lastUsedAt(project.id, created.id)).toBeNull();

    const before = Date.now();
    await projectContextForApiKey(pool(), created.secret);
    const first = await lastUsedAt(project.id, created.id);
    expect(first).not.toBeNull();
    expect(first!.getTime()).toBeGreaterThanOrEqual(before - 1_000);

    await new Promise((resolve) => setTimeout(resolve, 20));
    await projectContextForApiKey(pool(), created.secret);
    expect((await lastUsedAt(project.id, created.id))?.getTime()).toBe(first!.getTime());

    // Once the last use is more than a minute old, the next one is recorded.
    const stale = new Date(Date.now() - 2 * 60_000);
    await db().apiKey.update({ where: { projectId_id: { projectId: project.id, id: created.id } }, data: { lastUsedAt: stale } });
    await projectContextForApiKey(pool(), created.secret);
    expect((await lastUsedAt(project.id, created.id))!.getTime()).toBeGreaterThan(stale.getTime() + 60_000);
  });
});
