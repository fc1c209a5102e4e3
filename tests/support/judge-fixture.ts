import type { Tx } from "@/lib/db/client";
import type { TJudgeParameters } from "@/lib/judge-versions/store";

// Judges for integration tests and benchmarks of what runs and evaluates them: a connection to
// a local model stub and a published version, written straight to the tables (the judge
// screens' own tests go through the service).

export async function stubConnection(db: Tx, projectId: string, baseUrl: string, name = "stub"): Promise<string> {
  const row = await db.modelConnection.create({
    data: {
      projectId,
      name,
      baseUrl,
      models: [{ name: "stub-ok", inputPerMillion: 1, outputPerMillion: 2 }],
      structuredOutput: "json_schema",
    },
    select: { id: true },
  });
  return row.id;
}

export interface FixtureVersion {
  judgeName: string;
  rubricVersionId: string;
  criterionId: string;
  connectionId: string;
  model?: string;
  template?: string;
  parameters?: TJudgeParameters;
  exampleIds?: string[];
}

/** Publishes the judge's next version (creating the judge on its first); returns its id and number. */
export async function publishedJudgeVersion(db: Tx, projectId: string, v: FixtureVersion): Promise<{ judgeId: string; versionId: string; version: number }> {
  const judge = await db.judge.upsert({
    where: { projectId_name: { projectId, name: v.judgeName } },
    create: { projectId, name: v.judgeName },
    update: {},
    select: { id: true },
  });
  const last = await db.judgeVersion.findFirst({ where: { projectId, judgeId: judge.id, status: "PUBLISHED" }, orderBy: { version: "desc" } });
  const version = (last?.version ?? 0) + 1;
  const row = await db.judgeVersion.create({
    data: {
      projectId,
      judgeId: judge.id,
      version,
      status: "PUBLISHED",
      publishedAt: new Date(),
      rubricVersionId: v.rubricVersionId,
      criterionId: v.criterionId,
      connectionId: v.connectionId,
      model: v.model ?? "stub-ok",
      parameters: { ...(v.parameters ?? {}) },
      template: v.template ?? "Input:\n{{input}}\n\nOutput:\n{{output}}\n\n{{criterion}}",
      exampleIds: v.exampleIds ?? [],
    },
    select: { id: true },
  });
  return { judgeId: judge.id, versionId: row.id, version };
}
