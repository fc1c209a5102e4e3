import type pg from "pg";
import { sessionProjectContext } from "@/lib/auth/context";
import type { ProjectContext } from "@/lib/auth/context";
import type { Database } from "@/lib/db/client";
import { adjudicate } from "@/lib/gold/service";
import { claimNext } from "@/lib/queues/claim";
import { submitLabels } from "@/lib/queues/submit";
import { ingestScores } from "@/lib/scores/service";

// The demo queue's labels, written through the same services the app and the API use, so
// the agreement report and the disagreement list have something to show on the first visit:
// both demo experts label the first items (one a little harsher, one more lenient), an
// annotator who labelled elsewhere arrives through the scores API, and the admin has
// settled a few items. The last items stay open for a newcomer to label.

const LABELLED = 14;
const IMPORTED = 16;
const ADJUDICATED = 3;
export const DEMO_ANNOTATOR = "Priya (vendor panel)";

/** Each item's "true" quality, then how each rater reads it: fixed so every demo looks the same. */
const QUALITY = [4, 2, 5, 3, 1, 4, 3, 5, 2, 4, 3, 1, 5, 2, 4, 3];
const HARSH = [0, 0, -1, 0, 0, -1, 0, 0, 0, -2, 0, 0, -1, 0, 0, 0];
const LENIENT = [1, 0, 0, 1, 2, 0, 1, 0, 1, 0, 2, 0, 0, 1, 0, 1];
const VENDOR = [0, 1, 0, -1, 0, 0, 1, -1, 0, 1, -2, 1, 0, 0, -1, 0];

const clip = (n: number) => Math.max(1, Math.min(5, n));

const RATIONALES: Record<number, string> = {
  1: "Does not answer the question; contradicts the help-centre article.",
  2: "Points in the right direction but leaves out the steps the customer needs.",
  3: "Answers the question; could have mentioned the limits the article gives.",
  4: "Complete and accurate; a little long.",
  5: "Exactly what the article says, concise, and anticipates the follow-up.",
};

function values(score: number, correctCut: number) {
  return { helpfulness: score, correct: score >= correctCut, rationale: RATIONALES[score] };
}

async function contextOf(sql: pg.Pool, userId: string, slug: string): Promise<ProjectContext> {
  const { project } = await sessionProjectContext(sql, userId, slug);
  if (!project) throw new Error(`The demo user ${userId} is not a member of ${slug}`);
  return project;
}

/** One expert claims and submits the queue's items in order, `shift` moving each score. */
async function labelAs(handle: Database, ctx: ProjectContext, queueId: string, order: Map<string, number>, shift: number[], correctCut: number) {
  for (let n = 0; n < LABELLED; n++) {
    const lease = await claimNext(handle, ctx, queueId, { exclude: [] });
    if (!lease) return;
    const i = order.get(lease.itemId) ?? n;
    await submitLabels(handle, ctx, queueId, lease.itemId, {
      submissionId: crypto.randomUUID(),
      values: values(clip(QUALITY[i % QUALITY.length] + shift[i % shift.length]), correctCut),
    });
  }
}

export interface DemoJudgmentsInput {
  slug: string;
  queueId: string;
  /** The queue's items by priority, with their traces' external ids. */
  items: { id: string; traceExternalId: string }[];
  experts: [string, string];
  adminId: string;
}

export async function seedDemoJudgments(handle: Database, input: DemoJudgmentsInput): Promise<void> {
  const { sql } = handle;
  const order = new Map(input.items.map((item, i) => [item.id, i]));
  const [harsh, lenient] = await Promise.all(input.experts.map((id) => contextOf(sql, id, input.slug)));
  await labelAs(handle, harsh, input.queueId, order, HARSH, 4);
  await labelAs(handle, lenient, input.queueId, order, LENIENT, 3);
  // Spread the seeded work over realistic times, so the experts' median seconds mean something.
  await sql.query(
    `UPDATE assignments SET claimed_at = submitted_at - make_interval(secs => 40 + (abs(hashtext(id::text)) % 140))
      WHERE queue_id = $1 AND status = 'SUBMITTED'`,
    [input.queueId],
  );
  const admin = await contextOf(sql, input.adminId, input.slug);
  const imported = input.items.slice(0, IMPORTED).flatMap((item, i) => {
    const score = clip(QUALITY[i] + VENDOR[i]);
    const common = { traceId: item.traceExternalId, source: "HUMAN", raterName: DEMO_ANNOTATOR, raterVersion: "2026-10" };
    return [
      { ...common, id: `demo-vendor-${i}-helpfulness`, name: "helpfulness", value: score, rubric: { rubric: "support-quality", criterion: "helpfulness" } },
      { ...common, id: `demo-vendor-${i}-correct`, name: "correct", value: score >= 3, rubric: { rubric: "support-quality", criterion: "correct" } },
    ];
  });
  const written = await ingestScores(handle, admin, imported);
  if (written.rejected > 0) throw new Error(`Demo annotator scores refused: ${JSON.stringify(written.results.find((r) => r.status === "rejected"))}`);
  // The admin has already settled a few of the items the raters split on.
  const settled = [1, 4, 8].slice(0, ADJUDICATED);
  for (const i of settled) {
    const item = input.items[i];
    await adjudicate(handle, admin, input.queueId, {
      itemId: item.id,
      criterion: "helpfulness",
      value: QUALITY[i],
      reason: "Read against the help-centre article: the answer leaves the customer without the steps it gives.",
    });
  }
}
