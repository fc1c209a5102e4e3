import { db } from "@/lib/db/client";
import type { JobDefinition } from "@/lib/jobs/job";
import { purgeExpiredTraces } from "./retention";

export const traceJobs: JobDefinition[] = [{ name: "traces.retention", schedule: "43 2 * * *", run: () => purgeExpiredTraces(db()) }];
