import { db } from "@/lib/db/client";
import type { JobDefinition } from "@/lib/jobs/job";
import { purgeStaleSignInFailures } from "./sign-in-throttle";

export const PURGE_SIGN_IN_FAILURES = "auth.purge-sign-in-failures";

// A success clears its own counters; guesses at unknown or abandoned accounts would otherwise
// stay in sign_in_failures for ever.
export const authJobs: JobDefinition[] = [{ name: PURGE_SIGN_IN_FAILURES, schedule: "29 3 * * *", run: () => purgeStaleSignInFailures(db()) }];
