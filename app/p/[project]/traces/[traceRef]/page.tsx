import { notFound } from "next/navigation";
import { projectPage } from "@/components/layout/projectPage";
import { TraceDetailView } from "@/components/traces/TraceDetailView";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getTraceDetail } from "@/lib/traces/detail";

// `traceRef` is the trace's external id (the client's id), not the internal UUID. A stray
// `%` in an address must be a missing trace, not a server error.
const decodeRef = (ref: string) => {
  try {
    return decodeURIComponent(ref);
  } catch {
    return ref;
  }
};

export default projectPage(async (ctx, { traceRef }: { project: string; traceRef: string }) => {
  ctx.require("traces:read", "traces");
  const detail = await getTraceDetail(db(), ctx, decodeRef(traceRef)).catch((error) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  return <TraceDetailView slug={ctx.project.slug} detail={detail} />;
});
