import type { Database } from "@/lib/db/client";
import { numericColumns } from "@/lib/scores/codec";
import { writeJudgeScore } from "@/lib/scores/statements";

// The demo's judge, so its comparison with people shows on the first visit: a connection to
// a local model (Ollama's address, no key: nothing is sent until someone runs the judge), a
// published v1 answering the rubric's helpfulness criterion, and its results on the demo
// queue's traces, close to the seeded labels but not always. Only 16 of the demo's items
// carry human labels, so the demo project asks for 10 comparable items rather than 30.

export const DEMO_JUDGE = "helpfulness-judge";
export const DEMO_JUDGE_MIN_ITEMS = 10;

/** The judge's helpfulness per queue item, in priority order: the items' "true" quality, moved on a few. */
const VERDICTS = [4, 3, 5, 3, 2, 4, 3, 4, 2, 5, 3, 1, 5, 3, 4, 3, 4, 2, 5, 3];
const RATIONALES: Record<number, string> = {
  1: "The answer does not address what the customer asked.",
  2: "Relevant, but the customer is left without the steps to take.",
  3: "Answers the question; misses detail the retrieved articles give.",
  4: "Complete and accurate against the articles.",
  5: "Complete, accurate and concise; anticipates the follow-up.",
};

const TEMPLATE = `You grade a customer-support assistant's answer.

{{criterion}}

{{examples}}

The conversation:
{{input}}

The assistant's answer:
{{output}}

Answer with the helpfulness level and a one-sentence rationale.`;

export async function seedDemoJudge(handle: Database, input: { projectId: string; queueId: string; traceIds: string[] }): Promise<void> {
  const { prisma: tx, sql } = handle;
  const { projectId } = input;
  const queue = await tx.queue.findUniqueOrThrow({ where: { projectId_id: { projectId, id: input.queueId } }, select: { rubricVersionId: true } });
  const criterion = await tx.criterion.findFirstOrThrow({ where: { projectId, rubricVersionId: queue.rubricVersionId, key: "helpfulness" } });
  const connection = await tx.modelConnection.create({
    data: {
      projectId,
      name: "Local model (Ollama)",
      baseUrl: "http://127.0.0.1:11434/v1",
      models: [{ name: "llama3.1:8b", inputPerMillion: 0, outputPerMillion: 0 }],
      structuredOutput: "json_schema",
    },
  });
  const judge = await tx.judge.create({ data: { projectId, name: DEMO_JUDGE, description: "Grades helpfulness the way the weekly review does." } });
  const version = await tx.judgeVersion.create({
    data: {
      projectId,
      judgeId: judge.id,
      version: 1,
      status: "PUBLISHED",
      publishedAt: new Date(),
      rubricVersionId: queue.rubricVersionId,
      criterionId: criterion.id,
      connectionId: connection.id,
      model: "llama3.1:8b",
      parameters: { temperature: 0 },
      template: TEMPLATE,
      changeNote: "First version",
    },
  });
  for (const [i, traceId] of input.traceIds.entries()) {
    const value = VERDICTS[i % VERDICTS.length];
    await writeJudgeScore(sql, {
      projectId,
      judgeVersionId: version.id,
      judgeName: DEMO_JUDGE,
      judgeVersion: 1,
      target: { traceId },
      name: criterion.key,
      rubricVersionId: queue.rubricVersionId,
      criterionId: criterion.id,
      value: numericColumns(value),
      comment: RATIONALES[value],
    });
  }
  await tx.project.update({ where: { id: projectId }, data: { judgeMinItems: DEMO_JUDGE_MIN_ITEMS } });
}
