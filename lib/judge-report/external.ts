import type { ProjectContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/scopes";
import type { Database } from "@/lib/db/client";
import { readJudgments } from "@/lib/scores/reader";
import type { TExternalJudges } from "./schemas";

// The external judges a project has seen: raters of LLM_JUDGE and CODE scores that came
// through the scores API with a rubric reference and no judge version of ours. Scores
// without a rubric reference name no criterion and are never compared, so they are not listed.

export async function listExternalJudges(db: Database, ctx: ProjectContext): Promise<TExternalJudges> {
  assertCan(ctx, "judges:read");
  const judges = new Map<string, { versions: Set<string>; criteria: Map<string, string>; count: number }>();
  const scores = readJudgments(
    db.sql,
    ctx.project.id,
    { raterKinds: ["external"], judgeVersionIds: "none", sources: ["LLM_JUDGE", "CODE"], revisions: "current" },
    { firstSubmittedAt: false },
  );
  for await (const j of scores) {
    if (j.rater.kind !== "external" || !j.criterionId) continue;
    const entry = judges.get(j.rater.name) ?? { versions: new Set(), criteria: new Map(), count: 0 };
    entry.versions.add(j.rater.version ?? "");
    entry.criteria.set(j.criterionId, j.criterionKey ?? "");
    entry.count++;
    judges.set(j.rater.name, entry);
  }
  return {
    judges: [...judges]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, e]) => ({ name, versions: [...e.versions].sort(), criteria: [...e.criteria].map(([id, key]) => ({ id, key })), count: e.count })),
  };
}
