import type { ProjectContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/scopes";
import type { Database } from "@/lib/db/client";
import { findJudgeByName, resolveJudgeVersion } from "@/lib/judge-versions/store";

// What the "new run" page offers: the version to run (the latest published unless one is
// asked for), the queues whose mode fits it, and the datasets with their published versions.

export async function runFormOptions({ prisma }: Database, ctx: ProjectContext, judgeName: string, versionRef: number | "latest") {
  assertCan(ctx, "judges:run");
  const projectId = ctx.project.id;
  const judge = await findJudgeByName(prisma, projectId, judgeName);
  const version = await resolveJudgeVersion(prisma, projectId, judge.id, versionRef);
  const [queues, datasets] = await Promise.all([
    prisma.queue.findMany({
      where: { projectId, status: { not: "ARCHIVED" }, mode: version.mode === "pairwise" ? "PAIRWISE" : "SINGLE" },
      select: { id: true, name: true, mode: true },
      orderBy: { createdAt: "desc" },
    }),
    version.mode === "pairwise"
      ? []
      : prisma.dataset.findMany({
          where: { projectId, archivedAt: null },
          select: { id: true, name: true, versions: { select: { number: true, splitCounts: true }, orderBy: { number: "desc" } } },
          orderBy: { createdAt: "desc" },
        }),
  ]);
  return {
    version: version.version!,
    mode: version.mode,
    archived: judge.archivedAt !== null,
    queues,
    datasets: datasets
      .filter((d) => d.versions.length > 0)
      .map((d) => ({ id: d.id, name: d.name, versions: d.versions.map((v) => ({ number: v.number, splits: Object.keys(v.splitCounts as object) })) })),
  };
}
