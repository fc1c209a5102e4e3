import { notFound } from "next/navigation";
import { z } from "zod";
import { AgreementReport } from "@/components/agreement/AgreementReport";
import { labelCounts } from "@/lib/reports/label-counts";
import { projectPage } from "@/components/layout/projectPage";
import { AppError } from "@/lib/errors";
import { agreementReport } from "@/lib/reports/agreement";

export default projectPage(async (ctx, { queueId }: { project: string; queueId: string }) => {
  if (!z.uuid().safeParse(queueId).success) notFound();
  // Report readers and the queue's named adjudicators; the service decides.
  const report = await agreementReport(ctx.db, ctx, queueId, {}).catch((error) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    if (error instanceof AppError && error.code === "forbidden") return null;
    throw error;
  });
  if (!report) return ctx.refuse("the agreement report");
  const counts = await labelCounts(ctx.db, ctx, queueId);
  return <AgreementReport report={report} counts={counts} base={`/p/${ctx.project.slug}/queues/${queueId}`} />;
});
