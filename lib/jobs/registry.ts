import { authJobs } from "@/lib/auth/jobs";
import { importJobs } from "@/lib/imports/jobs";
import { judgeRunJobs } from "@/lib/judge-runs/jobs";
import { traceJobs } from "@/lib/traces/jobs";
import type { JobDefinition } from "./job";
import { maintenanceJobs } from "./maintenance";

// Every job of every capability. A capability with background work adds its list here.
export const JOB_DEFINITIONS: readonly JobDefinition[] = [...maintenanceJobs, ...authJobs, ...traceJobs, ...importJobs, ...judgeRunJobs];
