import type { ProjectContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/scopes";
import { listConnections } from "@/lib/connections/service";
import type { Database } from "@/lib/db/client";
import { answerSchema } from "@/lib/judges/answer-schema";
import { stableJson } from "@/lib/judges/template";
import type { TEditorOptions } from "./schemas";
import { listExamples, modeOf } from "./store";

// What the draft editor offers to choose from: published rubric versions with the criteria a
// judge can answer, the connections with their models, and the judge's calibration set.

// Enough for any project's rubrics; the newest versions come first.
const RUBRIC_VERSION_LIMIT = 200;

const short = (value: unknown) => {
  const text = typeof value === "string" ? value : stableJson(value);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
};

export async function editorOptions(db: Database, ctx: ProjectContext, judgeId: string): Promise<TEditorOptions> {
  assertCan(ctx, "judges:read");
  const projectId = ctx.project.id;
  const [versions, { connections }, examples] = await Promise.all([
    db.prisma.rubricVersion.findMany({
      where: { projectId, status: "PUBLISHED", rubric: { archivedAt: null } },
      include: { rubric: { select: { name: true } }, criteria: { orderBy: { position: "asc" } } },
      orderBy: [{ publishedAt: "desc" }],
      take: RUBRIC_VERSION_LIMIT,
    }),
    listConnections(db, ctx),
    listExamples(db.prisma, projectId, judgeId),
  ]);
  return {
    rubricVersions: versions.map((v) => ({
      id: v.id,
      label: `${v.rubric.name} v${v.version}`,
      criteria: v.criteria.filter((c) => answerSchema(c).ok).map((c) => ({ id: c.id, key: c.key, label: c.label, type: c.type, mode: modeOf(c.type) })),
    })),
    connections: connections.map((c) => ({ id: c.id, name: c.name, models: c.models.map((m) => m.name) })),
    examples: examples.map((e) => ({ id: e.id, label: `${short(e.humanValue)} · ${e.note || short(e.input)}` })),
  };
}
