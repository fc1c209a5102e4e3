import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { DisagreementList } from "@/components/agreement/DisagreementList";
import { pageError } from "@/components/agreement/page-error";
import { projectPage } from "@/components/layout/projectPage";
import { listDisagreements } from "@/lib/reports/disagreements";

export default projectPage<{ project: string; queueId: string }, { criterion?: string }>(async (ctx, { queueId }, { criterion }) => {
  if (!z.uuid().safeParse(queueId).success) notFound();
  const answer = await listDisagreements(ctx.db, ctx, queueId, { criterion, limit: 100 }).catch(pageError);
  if (!answer) return ctx.refuse("the queue's disagreements");
  const base = `/p/${ctx.project.slug}/queues/${queueId}`;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-4">
        <h1 className="text-2xl font-semibold">Disagreements · {answer.criterion.label}</h1>
        <Link className="text-indigo-700 underline" href={`${base}/agreement`}>
          Agreement
        </Link>
        <Link className="text-indigo-700 underline" href={base}>
          Queue
        </Link>
      </div>
      <p className="text-sm text-slate-600">
        {answer.total} items with two or more labels, most disputed first. Open one to settle it: a digit picks a rater&apos;s value, Enter adds the reason, s
        saves and opens the next.
      </p>
      <DisagreementList answer={answer} base={base} />
    </div>
  );
});
