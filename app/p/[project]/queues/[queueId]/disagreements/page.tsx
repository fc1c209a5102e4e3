import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { DisagreementList } from "@/components/agreement/DisagreementList";
import { pageError } from "@/components/agreement/page-error";
import { projectPage } from "@/components/layout/projectPage";
import { Pager } from "@/components/ui/Pager";
import { ZDisagreementsQuery } from "@/lib/reports/answers";
import { listDisagreements } from "@/lib/reports/disagreements";
import { DISAGREEMENTS_PAGE, listHref } from "@/lib/reports/urls";

type Search = { criterion?: string; cursor?: string; limit?: string };

export default projectPage<{ project: string; queueId: string }, Search>(async (ctx, { queueId }, search) => {
  const query = ZDisagreementsQuery.safeParse({ limit: DISAGREEMENTS_PAGE, ...search });
  if (!z.uuid().safeParse(queueId).success || !query.success) notFound();
  const answer = await listDisagreements(ctx.db, ctx, queueId, query.data).catch(pageError);
  if (!answer) return ctx.refuse("the queue's disagreements");
  const base = `/p/${ctx.project.slug}/queues/${queueId}`;
  const { limit } = query.data;
  const offset = Number(query.data.cursor ?? 0);
  const page = (at: number) => listHref(base, answer.criterion.key, at, limit);
  const last = offset + answer.items.length;
  const shown = `${last > offset + 1 ? `${offset + 1}–${last}` : last} of ${answer.total}`;
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
      <DisagreementList answer={answer} base={base} offset={offset} />
      <Pager
        position={shown}
        previousHref={offset > 0 ? page(Math.max(0, offset - limit)) : null}
        nextHref={answer.nextCursor ? page(Number(answer.nextCursor)) : null}
        testId="disagreements-pager"
      />
    </div>
  );
});
