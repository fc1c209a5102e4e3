import { type ProjectContext, projectContextForUser, userActor } from "@/lib/auth/context";
import { db, pool } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/enums";
import type { TestProject } from "./fixtures";

/** The context a signed-in member of the project gets. */
export async function memberContext(project: TestProject, role: Role): Promise<ProjectContext> {
  return projectContextForUser(pool(), await userActor(db(), project.users[role].id), project.slug);
}

export interface SeedTrace {
  externalId: string;
  startTime: Date;
  name?: string;
  tags?: string[];
  release?: string;
  promptVersion?: string;
  sessionId?: string;
  endUserId?: string;
  metadata?: Record<string, unknown>;
  input?: unknown;
  output?: unknown;
  model?: string;
  scores?: { name: string; value: number | string }[];
}

/** Inserts traces (one LLM span when a model is given, scores from an external rater). */
export async function seedTraces(projectId: string, traces: SeedTrace[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const t of traces) {
    const trace = await db().trace.create({
      data: {
        projectId,
        externalId: t.externalId,
        name: t.name ?? "chat",
        tags: t.tags ?? [],
        release: t.release,
        promptVersion: t.promptVersion,
        sessionId: t.sessionId,
        endUserId: t.endUserId,
        metadata: (t.metadata ?? {}) as object,
        input: (t.input ?? { messages: [{ role: "user", content: `question ${t.externalId}` }] }) as object,
        output: (t.output ?? { role: "assistant", content: `answer ${t.externalId}` }) as object,
        startTime: t.startTime,
        endTime: new Date(t.startTime.getTime() + 1500),
      },
    });
    ids.set(t.externalId, trace.id);
    if (t.model) {
      await db().span.create({
        data: { projectId, traceId: trace.id, spanId: "llm", type: "LLM", name: "completion", model: t.model, startTime: t.startTime },
      });
    }
    for (const s of t.scores ?? []) {
      const numeric = typeof s.value === "number";
      await db().score.create({
        data: {
          projectId,
          traceId: trace.id,
          name: s.name,
          dataType: numeric ? "NUMERIC" : "CATEGORICAL",
          numberValue: numeric ? (s.value as number) : null,
          textValue: numeric ? null : (s.value as string),
          source: "END_USER",
          raterName: "widget",
        },
      });
    }
  }
  return ids;
}
