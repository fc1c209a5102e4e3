import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { projectPage } from "@/components/layout/projectPage";
import { FlaggedItems } from "@/components/queues/FlaggedItems";
import { OverlapSetting } from "@/components/queues/OverlapSetting";
import { QueueMembers } from "@/components/queues/QueueMembers";
import { QueueProgress } from "@/components/queues/QueueProgress";
import { QueueSettingsForm } from "@/components/queues/QueueSettingsForm";
import { Card } from "@/components/ui/Card";
import { queueSettings } from "@/lib/queues/manage";
import { queueFormOptions } from "@/lib/queues/options";
import { listFlagged, queueProgress } from "@/lib/queues/progress";
import { QueueAdjudicators } from "@/components/queues/QueueAdjudicators";
import { isQueueAdjudicator, listAdjudicators } from "@/lib/queues/adjudicators";

export default projectPage(async (ctx, { queueId }: { project: string; queueId: string }) => {
  ctx.require("queues:read", "queue reports");
  if (!z.uuid().safeParse(queueId).success) notFound();
  const progress = await queueProgress(ctx.db, ctx, queueId).catch(() => notFound());
  const manage = ctx.can("queues:manage");
  const [flagged, options, settings] = await Promise.all([
    listFlagged(ctx.db, ctx, queueId),
    manage ? queueFormOptions(ctx.db, ctx) : null,
    manage ? queueSettings(ctx.db, ctx, queueId) : null,
  ]);
  const adjudicators = ctx.can("members:manage") ? await listAdjudicators(ctx.db, ctx, queueId) : null;
  const reads = ctx.can("reports:read") || (await isQueueAdjudicator(ctx.db.sql, ctx, queueId));
  const base = `/api/projects/${ctx.project.slug}/queues/${queueId}`;
  return (
    <>
      <div className="flex items-center gap-4">
        <h1 className="text-2xl font-semibold">{progress.queue.name}</h1>
        {progress.raters.some((r: { userId: string }) => r.userId === ctx.actor.userId) ? (
          <Link className="text-indigo-700 underline" href={`/p/${ctx.project.slug}/queues/${queueId}/label`}>
            Label
          </Link>
        ) : null}
        {reads ? (
          <span className="flex gap-3">
            <Link className="text-indigo-700 underline" href={`/p/${ctx.project.slug}/queues/${queueId}/agreement`}>
              Agreement
            </Link>
            <Link className="text-indigo-700 underline" href={`/p/${ctx.project.slug}/queues/${queueId}/disagreements`}>
              Disagreements
            </Link>
          </span>
        ) : null}
        {ctx.can("exports:run") ? (
          <span className="ml-auto flex gap-2 text-sm">
            <a className="rounded-md border border-slate-300 px-3 py-1.5" href={`${base}/labels?format=csv`} download>
              Download labels (CSV)
            </a>
            <a className="rounded-md border border-slate-300 px-3 py-1.5" href={`${base}/labels?format=jsonl`} download>
              JSONL
            </a>
          </span>
        ) : null}
      </div>
      <Card title="Progress">
        <QueueProgress totals={progress.totals} raters={progress.raters} />
      </Card>
      {options ? (
        <Card title="Raters">
          <OverlapSetting base={base} overlap={progress.queue.overlap} />
          <div className="mt-4">
            <QueueMembers base={base} assigned={progress.raters} candidates={options.members} />
          </div>
        </Card>
      ) : null}
      {adjudicators && options ? (
        <Card title="Adjudicators">
          <QueueAdjudicators base={base} adjudicators={adjudicators.adjudicators} experts={options.members.filter((m) => m.role === "EXPERT")} />
        </Card>
      ) : null}
      {settings ? (
        <Card title="Settings">
          <QueueSettingsForm base={base} settings={settings} />
        </Card>
      ) : null}
      <Card title="Flagged and skipped items">
        <FlaggedItems items={flagged.items} />
      </Card>
    </>
  );
});
