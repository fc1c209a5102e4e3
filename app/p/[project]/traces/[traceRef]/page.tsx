import { notFound } from "next/navigation";
import { TraceDetailView } from "../../../../../components/traces/TraceDetailView";
import { Forbidden } from "../../../../../components/ui/Forbidden";
import { can } from "../../../../../lib/auth/scopes";
import { db } from "../../../../../lib/db/client";
import { AppError } from "../../../../../lib/errors";
import { pageProject } from "../../../../../lib/http/page-context";
import { getTraceDetail } from "../../../../../lib/traces/detail";

// `traceRef` is the trace's external id (the client's id), not the internal UUID. A stray
// `%` in an address must be a missing trace, not a server error.
const decodeRef = (ref: string) => {
  try {
    return decodeURIComponent(ref);
  } catch {
    return ref;
  }
};

export default async function TracePage({ params }: { params: Promise<{ project: string; traceRef: string }> }) {
  const { project, traceRef } = await params;
  const ctx = await pageProject(project);
  if (!can(ctx, "traces:read")) return <Forbidden what="traces" />;
  const detail = await getTraceDetail(db(), ctx, decodeRef(traceRef)).catch((error) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  return <TraceDetailView slug={ctx.project.slug} detail={detail} />;
}
