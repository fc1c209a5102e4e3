import { notFound } from "next/navigation";
import { z } from "zod";
import { projectPage } from "@/components/layout/projectPage";
import { LabelingScreen } from "@/components/queues/LabelingScreen";
import { pool } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { queueToLabel } from "@/lib/queues/access";

export default projectPage(async (ctx, { queueId }: { project: string; queueId: string }) => {
  ctx.require("queues:label", "labeling");
  if (!z.uuid().safeParse(queueId).success) notFound();
  // To an expert, a queue they are not assigned to does not exist; a reader who is not assigned is told why.
  const queue = await queueToLabel(pool(), ctx, queueId).catch((error) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    if (error instanceof AppError && error.code === "forbidden") return null;
    throw error;
  });
  if (!queue) return ctx.refuse("labeling a queue you are not assigned to");
  return <LabelingScreen slug={ctx.project.slug} queueId={queue.id} queueName={queue.name} userId={ctx.actor.userId} />;
});
