import { notFound } from "next/navigation";
import { z } from "zod";
import { AdjudicationScreen } from "@/components/agreement/AdjudicationScreen";
import { adjudicationUnit } from "@/lib/reports/adjudication-unit";
import { pageError } from "@/components/agreement/page-error";
import { projectPage } from "@/components/layout/projectPage";
import { Pager } from "@/components/ui/Pager";
import { getItem } from "@/lib/queues/view";
import { ZItemViewAnswer } from "@/lib/queues/view-answers";

// What the labeling screen shows of the item, through the same answer schema as its route.
const ZPanes = ZItemViewAnswer.pick({ trace: true, sides: true });

type Params = { project: string; queueId: string; itemId: string };

export default projectPage<Params, { criterion?: string; side?: string }>(async (ctx, { queueId, itemId }, { criterion, side }) => {
  if (!z.uuid().safeParse(queueId).success || !z.uuid().safeParse(itemId).success) notFound();
  const found = await adjudicationUnit(ctx.db, ctx, { queueId, itemId, criterion, side }).catch(pageError);
  if (found === null) return ctx.refuse("the queue's disagreements");
  // An item with fewer than two labels on the criterion has nothing to settle here.
  if (found === "not_disputed") notFound();
  const view = await getItem(ctx.db, ctx, queueId, itemId).catch(pageError);
  if (!view) return ctx.refuse("this item");
  const rubric = view.rubricVersion.criteria.find((c: { key: string }) => c.key === found.criterion.key);
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-semibold">Settle a disagreement · {view.queue.name}</h1>
        <Pager position={`${found.position} of ${found.total}`} previousHref={found.previousHref} nextHref={found.nextHref} testId="dispute-pager" />
      </div>
      <AdjudicationScreen
        key={`${itemId}:${found.unit.side ?? ""}`}
        url={`/api/projects/${ctx.project.slug}/queues/${queueId}/adjudications`}
        criterion={{ ...found.criterion, question: rubric?.question }}
        unit={found.unit}
        view={ZPanes.parse(JSON.parse(JSON.stringify({ trace: view.trace, sides: view.sides })))}
        nextHref={found.nextHref}
        listHref={found.listHref}
        refusal={found.refusal}
      />
    </>
  );
});
