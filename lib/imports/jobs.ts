import { db, pool } from "@/lib/db/client";
import type { JobDefinition } from "@/lib/jobs/job";
import { runImportJob, sweepImports } from "./worker";

export const RUN_IMPORT = "imports.run";

export const importJobs: JobDefinition[] = [
  { name: RUN_IMPORT, run: (data) => runImportJob(db(), pool(), data) },
  // Imports whose worker died (a restart, a crash) are handed to whichever instance asks next.
  {
    name: "imports.sweep",
    schedule: "* * * * *",
    run: (_data, ctx) => sweepImports(pool(), (importRef) => ctx.send(RUN_IMPORT, importRef, { singletonKey: importRef.importId })),
  },
];
