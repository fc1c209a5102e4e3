import { hashPassword } from "@/lib/auth/password";
import { recordAudit } from "@/lib/audit/service";
import type pg from "pg";
import { type Db, type Tx, pool } from "@/lib/db/client";
import { inOneTransaction } from "@/lib/db/one-transaction";
import { prismaTransaction } from "@/lib/db/transaction";
import { reconcileSlots } from "@/lib/queues/manage";
import { CONVERSATIONS, DOCS, RELEASES, SYSTEM_PROMPT } from "./demo-content";
import { seedDemoDataset } from "./demo-dataset";
import { seedDemoJudge } from "./demo-judge";
import { seedDemoJudgments } from "./demo-judgments";

export const DEMO_PASSWORD = "assay-demo-2026";
export const DEMO_PROJECT_SLUG = "demo";

export const DEMO_USERS = [
  { email: "admin@demo.test", name: "Ada Admin", role: "ADMIN", instanceAdmin: true },
  { email: "engineer@demo.test", name: "Eli Engineer", role: "ENGINEER", instanceAdmin: false },
  { email: "expert1@demo.test", name: "Esme Expert", role: "EXPERT", instanceAdmin: false },
  { email: "expert2@demo.test", name: "Omar Expert", role: "EXPERT", instanceAdmin: false },
] as const;

const TRACE_COUNT = 50;

/** A small deterministic generator, so every fresh demo looks the same. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * Seeds the demo project: four people, ~50 traces of a support assistant across two
 * releases, one published rubric, one queue whose first items carry the experts' labels, an
 * imported annotator's and a few adjudications, and a golden dataset made from them. Does nothing when the project exists.
 * All of it is one transaction, the labels written through the services included, so a
 * failure part way leaves no half-seeded demo behind and the next start seeds it again. The
 * seed writes through a client of its own on one connection of `sql`, not through `_db`.
 */
export async function seedDemo(_db: Db, sql: pg.Pool = pool()): Promise<{ created: boolean }> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return inOneTransaction(sql, async (handle) => {
    const seeded = await prismaTransaction(
      handle.prisma,
      async (tx) => {
        if (await tx.project.findUnique({ where: { slug: DEMO_PROJECT_SLUG } })) return null;
        const project = await tx.project.create({ data: { slug: DEMO_PROJECT_SLUG, name: "Demo: Northwind support assistant" } });
        const users: Record<string, string> = {};
        for (const u of DEMO_USERS) {
          const user = await tx.user.upsert({
            where: { email: u.email },
            create: { email: u.email, name: u.name, passwordHash, isDemo: true, isInstanceAdmin: u.instanceAdmin },
            update: {},
          });
          users[u.role === "EXPERT" ? u.email : u.role] = user.id;
          await tx.membership.create({ data: { projectId: project.id, userId: user.id, role: u.role } });
        }
        const traceIds = await seedTraces(tx, project.id);
        const version = await seedRubric(tx, project.id);
        const queue = await tx.queue.create({
          data: {
            projectId: project.id,
            name: "Weekly review: answers to check",
            instructions: "Rate each answer against the retrieved articles. Write the ideal answer when the response is wrong or incomplete.",
            rubricVersionId: version.id,
            overlap: 2,
          },
        });
        for (const userId of [users["expert1@demo.test"], users["expert2@demo.test"], users.ENGINEER]) {
          await tx.queueMember.create({ data: { projectId: project.id, queueId: queue.id, userId } });
        }
        await tx.queueItem.createMany({
          data: traceIds.slice(0, 20).map((traceId, i) => ({ projectId: project.id, queueId: queue.id, traceId, priority: i })),
        });
        await reconcileSlots(tx, project.id, queue.id, queue.overlap);
        await tx.trace.updateMany({ where: { projectId: project.id, id: { in: traceIds.slice(0, 20) } }, data: { lockedAt: new Date() } });
        await recordAudit(tx, null, { projectId: project.id, action: "demo.seed", targetType: "project", targetId: project.id });
        const items = await tx.queueItem.findMany({
          where: { projectId: project.id, queueId: queue.id },
          orderBy: { priority: "asc" },
          select: { id: true, trace: { select: { externalId: true } } },
        });
        return {
          projectId: project.id,
          queueTraceIds: traceIds.slice(0, 20),
          queueId: queue.id,
          items: items.map((i) => ({ id: i.id, traceExternalId: i.trace!.externalId })),
          experts: [users["expert1@demo.test"], users["expert2@demo.test"]] as [string, string],
          adminId: users.ADMIN,
        };
      },
      { timeout: 60_000 },
    );
    if (!seeded) return { created: false };
    // Labels go through the queue and score services; their own transactions are savepoints here.
    await seedDemoJudgments(handle, { slug: DEMO_PROJECT_SLUG, ...seeded });
    // The golden dataset is made from those verdicts, through the dataset services.
    await seedDemoDataset(handle, { slug: DEMO_PROJECT_SLUG, ...seeded });
    // A judge and its results on the queue's traces, held against those labels.
    await seedDemoJudge(handle, { projectId: seeded.projectId, queueId: seeded.queueId, traceIds: seeded.queueTraceIds });
    return { created: true };
  });
}

async function seedTraces(tx: Tx, projectId: string): Promise<string[]> {
  const next = random(7);
  const start = Date.UTC(2026, 9, 1, 8, 0, 0);
  const ids: string[] = [];
  for (let i = 0; i < TRACE_COUNT; i++) {
    const conversation = CONVERSATIONS[i % CONVERSATIONS.length];
    const release = RELEASES[Math.floor(i / CONVERSATIONS.length) % 2];
    const startTime = new Date(start + i * 47 * 60_000 + Math.floor(next() * 600_000));
    const messages = [{ role: "system", content: SYSTEM_PROMPT }];
    for (const turn of conversation.turns) {
      messages.push({ role: "user", content: turn.user });
      if (turn.assistant) messages.push({ role: "assistant", content: turn.assistant });
    }
    const answer = conversation.answers[release];
    const docs = conversation.docs.map((id) => DOCS.find((d) => d.id === id)!);
    const retrievalMs = 40 + Math.floor(next() * 120);
    const llmMs = 600 + Math.floor(next() * 2400);
    const endTime = new Date(startTime.getTime() + retrievalMs + llmMs + 20);
    const inputTokens = 180 + docs.length * 120 + Math.floor(next() * 60);
    const outputTokens = Math.ceil(answer.length / 4);
    const trace = await tx.trace.create({
      data: {
        projectId,
        externalId: `demo-${String(i + 1).padStart(3, "0")}`,
        name: "support-chat",
        input: { messages },
        output: { role: "assistant", content: answer },
        metadata: { topic: conversation.topic, channel: i % 3 === 0 ? "mobile" : "web", locale: "en-GB" },
        tags: [conversation.topic, ...(i % 7 === 0 ? ["escalated"] : [])],
        sessionId: `sess-${Math.floor(i / 2) + 1}`,
        endUserId: `user-${(i * 13) % 29}`,
        release,
        promptVersion: release === "v1.4.0" ? "support-v7" : "support-v8",
        startTime,
        endTime,
      },
    });
    ids.push(trace.id);
    const query = conversation.turns.at(-1)!.user;
    await tx.span.createMany({
      data: [
        { projectId, traceId: trace.id, spanId: `s${i}-root`, type: "CHAIN", name: "answer", input: { query }, output: { answer }, startTime, endTime },
        {
          projectId,
          traceId: trace.id,
          spanId: `s${i}-retrieve`,
          parentSpanId: `s${i}-root`,
          type: "RETRIEVAL",
          name: "help-centre search",
          input: { query, topK: 3 },
          output: { documents: docs.map((d, rank) => ({ id: d.id, title: d.title, text: d.text, score: Number((0.92 - rank * 0.11).toFixed(2)) })) },
          startTime: new Date(startTime.getTime() + 5),
          endTime: new Date(startTime.getTime() + 5 + retrievalMs),
        },
        {
          projectId,
          traceId: trace.id,
          spanId: `s${i}-llm`,
          parentSpanId: `s${i}-root`,
          type: "LLM",
          name: "chat completion",
          model: release === "v1.4.0" ? "gpt-4o-mini-2024-07-18" : "gpt-4.1-mini-2025-04-14",
          input: { messages },
          output: { role: "assistant", content: answer },
          inputTokens,
          outputTokens,
          attributes: { "gen_ai.system": "openai", temperature: 0.2 },
          startTime: new Date(startTime.getTime() + 10 + retrievalMs),
          endTime: new Date(endTime.getTime() - 5),
        },
      ],
    });
    if (next() < 0.6) {
      const thumbsUp = release === "v1.5.0" ? next() < 0.8 : next() < 0.5;
      await tx.score.create({
        data: {
          projectId,
          traceId: trace.id,
          name: "thumbs",
          dataType: "BOOLEAN",
          numberValue: thumbsUp ? 1 : 0,
          source: "END_USER",
          raterName: "support-widget",
        },
      });
    }
    await tx.score.create({
      data: {
        projectId,
        traceId: trace.id,
        name: "faithfulness",
        dataType: "NUMERIC",
        numberValue: Number((release === "v1.5.0" ? 0.7 + next() * 0.3 : 0.4 + next() * 0.5).toFixed(2)),
        source: "LLM_JUDGE",
        raterName: "faithfulness",
        raterVersion: "v3",
      },
    });
  }
  return ids;
}

async function seedRubric(tx: Tx, projectId: string) {
  const rubric = await tx.rubric.create({
    data: { projectId, slug: "support-quality", name: "Support answer quality", description: "How good is the assistant's answer for the customer?" },
  });
  const version = await tx.rubricVersion.create({
    data: {
      projectId,
      rubricId: rubric.id,
      changeNote: "First version",
      guidelines:
        "Judge the **final answer** only. Use the retrieved articles as the source of truth: an answer that contradicts them is incorrect even if it sounds helpful.",
    },
  });
  const levels = [
    { value: 1, label: "Unhelpful", description: "Does not address the question, or would mislead the customer.", exemplars: [] },
    { value: 2, label: "Poor", description: "Touches the question but leaves the customer without a way forward.", exemplars: [] },
    { value: 3, label: "Adequate", description: "Answers the question; misses useful detail the articles offer.", exemplars: [] },
    { value: 4, label: "Good", description: "Answers fully with the relevant detail; minor issues of tone or length.", exemplars: [] },
    {
      value: 5,
      label: "Excellent",
      description: "Complete, accurate, concise, and anticipates the obvious follow-up.",
      exemplars: [
        {
          text: "You can restore a deleted file from Trash for 30 days: open Trash, select the file and choose Restore. After 30 days it is gone for good, so restore anything you need now.",
          note: "Answers the question, gives the steps, and warns about the 30-day limit.",
        },
      ],
    },
  ];
  await tx.criterion.createMany({
    data: [
      {
        projectId,
        rubricVersionId: version.id,
        position: 0,
        key: "helpfulness",
        label: "Helpfulness",
        question: "How well does the answer resolve the customer's question?",
        type: "SCALE",
        measurementLevel: "ORDINAL",
        config: { min: 1, max: 5, levels },
      },
      {
        projectId,
        rubricVersionId: version.id,
        position: 1,
        key: "correct",
        label: "Correct",
        question: "Is everything the answer states supported by the retrieved articles?",
        type: "BINARY",
        measurementLevel: "NOMINAL",
        config: {
          pass: { label: "Correct", description: "Every claim is supported." },
          fail: { label: "Incorrect", description: "At least one claim contradicts or goes beyond the articles." },
        },
      },
      {
        projectId,
        rubricVersionId: version.id,
        position: 2,
        key: "rationale",
        label: "Rationale",
        question: "Why? One or two sentences.",
        required: false,
        type: "TEXT",
        measurementLevel: "NONE",
        config: { maxLength: 1000 },
      },
      {
        projectId,
        rubricVersionId: version.id,
        position: 3,
        key: "ideal_answer",
        label: "Ideal answer",
        question: "Write the answer the assistant should have given.",
        required: false,
        type: "CORRECTION",
        measurementLevel: "NONE",
        config: { maxLength: 20000 },
      },
    ],
  });
  // Criteria are written while the version is a draft: a published version refuses changes.
  return tx.rubricVersion.update({
    where: { projectId_id: { projectId, id: version.id } },
    data: { status: "PUBLISHED", version: 1, publishedAt: new Date() },
  });
}
