import { describe, expect, it } from "vitest";
import { projectContextForApiKey, userActor } from "@/lib/auth/context";
import { scopesForKey } from "@/lib/auth/scopes";
import { newApiKey } from "@/lib/auth/tokens";
import { type Db, type Tx, database, db, pool } from "@/lib/db/client";
import type { ErrorCode } from "@/lib/errors";
import { slugify } from "@/lib/projects/schemas";
import { ZRubricContent } from "@/lib/rubrics/schemas";
import { DEMO_PASSWORD, DEMO_PROJECT_SLUG, DEMO_USERS, seedDemo } from "@/lib/seed/demo";
import { DEMO_JUDGE, DEMO_JUDGE_MIN_ITEMS } from "@/lib/seed/demo-judge";
import { DEMO_ANNOTATOR } from "@/lib/seed/demo-judgments";
import { ZAgreementQuery } from "@/lib/judge-report/schemas";
import { judgeAgreement } from "@/lib/judge-report/service";
import { contextFor } from "@/tests/helpers/queues";
import { applyInitSettings } from "@/lib/setup/init";
import { authenticatePassword, demoCredentialsActive, removeDemoCredentials, signUpFirstUser } from "@/lib/users/service";
import { codeOf, makeProject, unique } from "@/tests/helpers/fixtures";

// First start: the headless settings, the first-user sign-up and the demo project.
// This is the only file that seeds the demo, whose slug is fixed.

function initSettings() {
  const name = unique("Init Project");
  return { adminEmail: `${unique("root")}@example.com`, adminPassword: "init password 123", project: name, apiKey: newApiKey() };
}

describe("applyInitSettings", () => {
  it("creates the admin, the project and the FULL key, and nothing on a second run", async () => {
    const settings = initSettings();
    const slug = slugify(settings.project);
    const done = await applyInitSettings(db(), settings);
    expect(done).toHaveLength(4);

    const admin = await db().user.findUniqueOrThrow({ where: { email: settings.adminEmail } });
    expect(admin.isInstanceAdmin).toBe(true);
    expect((await authenticatePassword(db(), settings.adminEmail, settings.adminPassword))?.id).toBe(admin.id);
    const project = await db().project.findUniqueOrThrow({ where: { slug } });
    expect(project.name).toBe(settings.project);
    const membership = await db().membership.findUniqueOrThrow({ where: { projectId_userId: { projectId: project.id, userId: admin.id } } });
    expect(membership.role).toBe("ADMIN");
    expect(await db().auditEvent.count({ where: { action: { in: ["init.project", "init.apikey"] }, projectId: project.id } })).toBe(2);

    const counts = async () => [
      await db().user.count({ where: { email: settings.adminEmail } }),
      await db().project.count({ where: { slug } }),
      await db().membership.count({ where: { projectId: project.id } }),
      await db().apiKey.count({ where: { projectId: project.id } }),
      await db().auditEvent.count({ where: { OR: [{ projectId: project.id }, { targetId: admin.id }] } }),
    ];
    const before = await counts();
    expect(before.slice(0, 4)).toEqual([1, 1, 1, 1]);
    expect(await applyInitSettings(db(), settings)).toEqual([]);
    expect(await counts()).toEqual(before);

    const ctx = await projectContextForApiKey(pool(), settings.apiKey);
    expect(ctx.project.id).toBe(project.id);
    expect(ctx.actor).toMatchObject({ kind: "apiKey", keyScope: "FULL" });
    expect([...ctx.scopes].sort()).toEqual([...scopesForKey("FULL")].sort());
    expect(await codeOf(projectContextForApiKey(pool(), settings.apiKey.slice(0, -1)))).toBe("unauthenticated");
  });

  it("refuses incomplete settings and a key that belongs to another project, creating nothing", async () => {
    const settings = initSettings();
    await expect(applyInitSettings(db(), { adminEmail: settings.adminEmail })).rejects.toThrow(/ASSAY_INIT_ADMIN_PASSWORD/);
    await expect(applyInitSettings(db(), { apiKey: settings.apiKey })).rejects.toThrow(/ASSAY_INIT_PROJECT/);

    const taken = await makeProject();
    await expect(applyInitSettings(db(), { ...settings, apiKey: taken.keys.FULL })).rejects.toThrow(/another project/);
    expect(await db().user.count({ where: { email: settings.adminEmail } })).toBe(0);
    expect(await db().project.count({ where: { slug: slugify(settings.project) } })).toBe(0);
  });
});

describe("signUpFirstUser", () => {
  it("is refused once the instance has users", async () => {
    await makeProject();
    const email = `${unique("late-first")}@example.com`;
    expect(await codeOf(signUpFirstUser(database(), { email, name: "Too Late", password: "a long password 1" }))).toBe("forbidden");
    expect(await db().user.count({ where: { email } })).toBe(0);
  });
});

describe("the demo project", () => {
  const demoEmails = DEMO_USERS.map((u) => u.email);

  it("leaves nothing behind when seeding fails part way", async () => {
    // A deactivated demo admin is refused when the seed settles items as them: after the
    // project, its traces, the queue and the experts' labels were written.
    const admin = await db().user.create({ data: { email: "admin@demo.test", name: "Ada Admin", deactivatedAt: new Date() } });
    try {
      await expect(seedDemo(db())).rejects.toMatchObject({ code: "unauthenticated" });
      expect(await db().project.count({ where: { slug: DEMO_PROJECT_SLUG } })).toBe(0);
      expect(await db().membership.count({ where: { userId: admin.id } })).toBe(0);
      // The experts and the engineer the seed created went too, and with them their labels.
      expect(await db().user.count({ where: { email: { in: demoEmails.filter((e) => e !== admin.email) } } })).toBe(0);
    } finally {
      await db().user.delete({ where: { id: admin.id } });
    }
  });

  it("is seeded once with people, traces, a published rubric and a queue", async () => {
    expect(await seedDemo(db())).toEqual({ created: true });

    const project = await db().project.findUniqueOrThrow({ where: { slug: DEMO_PROJECT_SLUG } });
    expect(await db().trace.count({ where: { projectId: project.id } })).toBe(50);
    const members = await db().membership.findMany({ where: { projectId: project.id }, include: { user: true } });
    expect(members.map((m) => m.user.email).sort()).toEqual([...demoEmails].sort());
    expect(members.every((m) => m.user.isDemo)).toBe(true);
    expect(await db().rubricVersion.count({ where: { projectId: project.id, status: "PUBLISHED" } })).toBe(1);
    // The demo rubric is written with the same config shapes the editor and the score checks read.
    const rubric = await db().rubricVersion.findFirstOrThrow({ where: { projectId: project.id }, include: { criteria: { orderBy: { position: "asc" } } } });
    expect(ZRubricContent.safeParse({ guidelines: rubric.guidelines, criteria: rubric.criteria }).success).toBe(true);
    const queues = await db().queue.findMany({ where: { projectId: project.id }, include: { _count: { select: { items: true } } } });
    expect(queues).toHaveLength(1);
    expect(queues[0]._count.items).toBeGreaterThan(0);
    // The first items carry both experts' labels, an imported annotator's and a few
    // adjudications; the rest stay claimable, one open slot per item and rater still needed.
    const completed = await db().queueItem.count({ where: { queueId: queues[0].id, status: "COMPLETED" } });
    expect(completed).toBe(14);
    expect(await db().queueSlot.count({ where: { queueId: queues[0].id } })).toBe((queues[0]._count.items - completed) * queues[0].overlap);
    expect(await db().score.count({ where: { projectId: project.id, queueItemId: { not: null }, source: "HUMAN" } })).toBeGreaterThanOrEqual(14 * 2 * 2);
    expect(await db().score.count({ where: { projectId: project.id, raterName: DEMO_ANNOTATOR, source: "HUMAN" } })).toBe(32);
    expect(await db().goldLabel.count({ where: { projectId: project.id, kind: "ADJUDICATED" } })).toBe(3);
    expect(await db().auditEvent.count({ where: { action: "demo.seed", projectId: project.id } })).toBe(1);
    // A golden dataset made from those verdicts: v1 (prod) with six items, v2 (candidate)
    // correcting one and adding two, each item's lineage copying its trace and labels.
    const dataset = await db().dataset.findFirstOrThrow({
      where: { projectId: project.id },
      include: { versions: { include: { tags: true }, orderBy: { number: "asc" } } },
    });
    expect(dataset.versions.map((v) => [v.number, v.itemCount, v.tags.map((t) => t.tag)])).toEqual([
      [1, 6, ["prod"]],
      [2, 8, ["candidate"]],
    ]);
    expect(dataset.versions.map((v) => Object.keys(v.splitCounts as object).sort())).toEqual([
      ["test", "train"],
      ["test", "train"],
    ]);
    expect(await db().datasetItemRevision.count({ where: { projectId: project.id, revision: 2 } })).toBe(1);
    const revisions = await db().datasetItemRevision.findMany({ where: { projectId: project.id, isCurrent: true } });
    for (const r of revisions) {
      const lineage = r.lineage as { traceId: string; queueItemId: string; labels: { provenance: string; criterionKey: string }[] };
      expect(lineage.traceId).toMatch(/^[0-9a-f-]{36}$/);
      expect(lineage.queueItemId).toMatch(/^[0-9a-f-]{36}$/);
      expect(lineage.labels.map((l) => l.criterionKey).sort()).toEqual(["correct", "helpfulness"]);
    }
    expect(revisions.some((r) => (r.lineage as { labels: { provenance: string }[] }).labels.some((l) => l.provenance === "gold"))).toBe(true);
    // A judge whose results on the queue's traces are held against those labels at once: the
    // 16 labelled items clear the demo's minimum of 10, and a few disagree.
    const engineer = await db().user.findUniqueOrThrow({ where: { email: "engineer@demo.test" } });
    const judged = await judgeAgreement(database(), await contextFor({ slug: DEMO_PROJECT_SLUG }, engineer.id), DEMO_JUDGE, ZAgreementQuery.parse({}));
    expect(judged.comparison).toMatchObject({ comparable: 16, judgeOnly: 4, minimumItems: DEMO_JUDGE_MIN_ITEMS });
    expect(judged.comparison.figures?.kappa.value).toEqual(expect.any(Number));
    expect(judged.disagreements.length).toBeGreaterThan(0);

    expect(await seedDemo(db())).toEqual({ created: false });
    expect(await db().trace.count({ where: { projectId: project.id } })).toBe(50);
    expect(await db().queue.count({ where: { projectId: project.id } })).toBe(1);

    expect(await demoCredentialsActive(database())).toBe(true);
    expect(await authenticatePassword(db(), "admin@demo.test", DEMO_PASSWORD)).not.toBeNull();
  });

  it("keeps its credentials while no other instance admin exists", async () => {
    // Other files create users concurrently, so the "no other admin" state is made inside a
    // transaction that is rolled back: no one else ever sees the admins deactivated.
    const rollback = new Error("rollback");
    let code: ErrorCode | "resolved" | undefined;
    await db()
      .$transaction(async (tx) => {
        await tx.user.updateMany({ where: { isInstanceAdmin: true, isDemo: false }, data: { deactivatedAt: new Date() } });
        const inTransaction = { $transaction: (fn: (t: Tx) => Promise<unknown>) => fn(tx) } as unknown as Db;
        code = await codeOf(removeDemoCredentials({ prisma: inTransaction, sql: pool() }, null));
        throw rollback;
      })
      .catch((error) => {
        if (error !== rollback) throw error;
      });
    expect(code).toBe("last_admin");
    expect(await demoCredentialsActive(database())).toBe(true);
  });

  it("loses its published passwords once a real admin exists", async () => {
    const own = await db().user.create({ data: { email: `${unique("owner")}@example.com`, name: "Owner", isInstanceAdmin: true } });
    const removed = await removeDemoCredentials(database(), await userActor(db(), own.id));
    expect(removed).toBe(DEMO_USERS.length);

    const users = await db().user.findMany({ where: { email: { in: demoEmails } }, omit: { passwordHash: false } });
    expect(users).toHaveLength(DEMO_USERS.length);
    for (const u of users) {
      expect(u.deactivatedAt, u.email).not.toBeNull();
      expect(u.passwordHash, u.email).toBeNull();
    }
    expect(await demoCredentialsActive(database())).toBe(false);
    expect(await authenticatePassword(db(), "admin@demo.test", DEMO_PASSWORD)).toBeNull();
    const events = await db().auditEvent.findMany({ where: { action: "demo.remove_credentials", actorUserId: own.id } });
    expect(events).toHaveLength(1);
    // The demo's labels and traces stay.
    const project = await db().project.findUniqueOrThrow({ where: { slug: DEMO_PROJECT_SLUG } });
    expect(await db().trace.count({ where: { projectId: project.id } })).toBe(50);
  });
});
