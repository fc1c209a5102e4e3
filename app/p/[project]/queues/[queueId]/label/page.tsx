import { notFound } from "next/navigation";
import { z } from "zod";
import { LabelingScreen } from "../../../../../../components/queues/LabelingScreen";
import { Forbidden } from "../../../../../../components/ui/Forbidden";
import { requireUser } from "../../../../../../lib/auth/context";
import { can } from "../../../../../../lib/auth/scopes";
import { pool } from "../../../../../../lib/db/client";
import { AppError } from "../../../../../../lib/errors";
import { pageProject } from "../../../../../../lib/http/page-context";
import { queueToLabel } from "../../../../../../lib/queues/access";

export default async function LabelPage({ params }: { params: Promise<{ project: string; queueId: string }> }) {
  const { project, queueId } = await params;
  const ctx = await pageProject(project);
  if (!can(ctx, "queues:label")) return <Forbidden what="labeling" />;
  if (!z.uuid().safeParse(queueId).success) notFound();
  // To an expert, a queue they are not assigned to does not exist; a reader who is not assigned is told why.
  const queue = await queueToLabel(pool(), ctx, queueId).catch((error) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    if (error instanceof AppError && error.code === "forbidden") return null;
    throw error;
  });
  if (!queue) return <Forbidden what="labeling a queue you are not assigned to" />;
  return <LabelingScreen slug={ctx.project.slug} queueId={queue.id} queueName={queue.name} userId={requireUser(ctx.actor).userId} />;
}
