import type { TJudgeParameters } from "@/lib/judge-versions/store";
import { MAX_CONCURRENCY } from "./schemas";

// How hard a run may press the connection. The version's limits are its owner's word on what
// the connection takes: a run may ask for fewer calls or requests, never more.

export const DEFAULT_CONCURRENCY = 8;

type TLimits = Pick<TJudgeParameters, "concurrency" | "rpm">;

/** Calls in flight and requests per minute (null: no spacing) for a run's options on a version. */
export function callLimits(run: TLimits, version: TLimits): { concurrency: number; rpm: number | null } {
  const concurrency = Math.min(run.concurrency ?? version.concurrency ?? DEFAULT_CONCURRENCY, version.concurrency ?? MAX_CONCURRENCY);
  const rpm = Math.min(run.rpm ?? Infinity, version.rpm ?? Infinity);
  return { concurrency, rpm: Number.isFinite(rpm) ? rpm : null };
}
