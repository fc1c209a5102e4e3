import { afterAll, describe, expect, it } from "vitest";
import { purgeStaleSignInFailures } from "@/lib/auth/sign-in-throttle";
import { newSecret, sha256 } from "@/lib/auth/tokens";
import { db } from "@/lib/db/client";
import { purgeExpiredTokens } from "@/lib/jobs/maintenance";
import { PURGE_EXPIRED_TOKENS } from "@/lib/jobs/maintenance";
import { type JobRunner, startJobRunner } from "@/lib/jobs/queue";
import { JOB_DEFINITIONS } from "@/lib/jobs/registry";
import { type TestProject, makeProject } from "@/tests/helpers/fixtures";

// Maintenance work: dead invitation and reset links are deleted after 30 days, directly and
// through the job queue that runs it every night; sign-in failures nobody has repeated for a
// day are deleted too.

const DAY = 24 * 60 * 60 * 1000;
const ago = (days: number) => new Date(Date.now() - days * DAY);

async function invitation(project: TestProject, fields: { expiresAt: Date; usedAt?: Date; revokedAt?: Date }): Promise<string> {
  const row = await db().invitation.create({
    data: {
      projectId: project.id,
      email: `${newSecret(6)}@example.com`,
      role: "VIEWER",
      tokenHash: sha256(newSecret()),
      createdById: project.users.ADMIN.id,
      ...fields,
    },
  });
  return row.id;
}

async function reset(project: TestProject, fields: { expiresAt: Date; usedAt?: Date }): Promise<string> {
  const row = await db().passwordReset.create({
    data: { userId: project.users.EXPERT.id, tokenHash: sha256(newSecret()), createdById: project.users.ADMIN.id, ...fields },
  });
  return row.id;
}

async function remainingInvitations(project: TestProject, ids: string[]): Promise<string[]> {
  const rows = await db().invitation.findMany({ where: { projectId: project.id, id: { in: ids } }, select: { id: true } });
  return rows.map((r) => r.id).sort();
}

async function remainingResets(ids: string[]): Promise<string[]> {
  const rows = await db().passwordReset.findMany({ where: { id: { in: ids } }, select: { id: true } });
  return rows.map((r) => r.id).sort();
}

let runner: JobRunner | undefined;

afterAll(async () => {
  await runner?.stop();
});

describe("purgeExpiredTokens", () => {
  it("deletes links dead for more than 30 days and keeps the rest", async () => {
    const project = await makeProject();
    const oldInvitations = [
      await invitation(project, { expiresAt: ago(31) }),
      await invitation(project, { expiresAt: ago(-7), usedAt: ago(31) }),
      await invitation(project, { expiresAt: ago(-7), revokedAt: ago(40) }),
    ];
    const keptInvitations = [
      await invitation(project, { expiresAt: ago(29) }),
      await invitation(project, { expiresAt: ago(-7) }),
      await invitation(project, { expiresAt: ago(-7), usedAt: ago(1) }),
      await invitation(project, { expiresAt: ago(-7), revokedAt: ago(2) }),
    ];
    const oldResets = [await reset(project, { expiresAt: ago(31) }), await reset(project, { expiresAt: ago(-1), usedAt: ago(45) })];
    const keptResets = [
      await reset(project, { expiresAt: ago(-1) }),
      await reset(project, { expiresAt: ago(1) }),
      await reset(project, { expiresAt: ago(-1), usedAt: ago(3) }),
    ];

    const result = await purgeExpiredTokens(db());
    expect(result.invitations).toBeGreaterThanOrEqual(oldInvitations.length);
    expect(result.resets).toBeGreaterThanOrEqual(oldResets.length);

    const all = [...oldInvitations, ...keptInvitations];
    expect(await remainingInvitations(project, all)).toEqual([...keptInvitations].sort());
    expect(await remainingResets([...oldResets, ...keptResets])).toEqual([...keptResets].sort());
  });
});

describe("purgeStaleSignInFailures", () => {
  it("deletes counters whose last failure is more than a day old and keeps the recent ones", async () => {
    const email = `${newSecret(6)}@example.com`;
    const HOUR = 60 * 60 * 1000;
    const row = (client: string, lastFailureAt: Date) => ({ email, client, failures: 7, lastFailureAt });
    await db().signInFailure.createMany({
      data: [
        row("", new Date(Date.now() - 25 * HOUR)),
        row("10.0.0.1", ago(3)),
        row("10.0.0.2", new Date(Date.now() - 23 * HOUR)),
        row("10.0.0.3", new Date(Date.now() - 30 * 60 * 1000)),
      ],
    });

    expect(await purgeStaleSignInFailures(db())).toBeGreaterThanOrEqual(2);

    const left = await db().signInFailure.findMany({ where: { email }, select: { client: true, failures: true } });
    expect(left.sort((a, b) => a.client.localeCompare(b.client))).toEqual([
      { client: "10.0.0.2", failures: 7 },
      { client: "10.0.0.3", failures: 7 },
    ]);
  });
});

describe("the job queue", () => {
  it("runs the purge as a job", async () => {
    const project = await makeProject();
    const old = await invitation(project, { expiresAt: ago(60) });
    const oldReset = await reset(project, { expiresAt: ago(60) });
    const fresh = await invitation(project, { expiresAt: ago(-7) });

    runner = await startJobRunner(process.env.DATABASE_URL!);
    const id = await runner.boss.send(PURGE_EXPIRED_TOKENS, {});
    expect(id).toBeTruthy();

    let state: string | undefined;
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      state = (await runner.boss.getJobById(PURGE_EXPIRED_TOKENS, id!))?.state;
      if (state === "completed" || state === "failed") break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(state).toBe("completed");
    expect(await remainingInvitations(project, [old, fresh])).toEqual([fresh]);
    expect(await remainingResets([oldReset])).toEqual([]);

    // Every job a capability registers has its queue, and the recurring ones their schedule.
    const names = JOB_DEFINITIONS.map((j) => j.name);
    expect(new Set(names).size).toBe(names.length);
    const queues = (await runner.boss.getQueues()).map((q) => q.name);
    expect(queues).toEqual(expect.arrayContaining(names));
    const schedules = (await runner.boss.getSchedules()).map((s) => [s.name, s.cron]).sort();
    expect(schedules).toEqual(
      JOB_DEFINITIONS.filter((j) => j.schedule)
        .map((j) => [j.name, j.schedule])
        .sort(),
    );
  });
});
