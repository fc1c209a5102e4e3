import type { ProjectContext } from "@/lib/auth/context";
import type { Database } from "@/lib/db/client";
import { type TItemCandidate, writeBatch } from "./items";
import type { TItemsAdd } from "./schemas";

// A batch of an import file's rows written to a dataset, answered as the import job counts
// rows: accepted or rejected with a reason. A duplicate skipped is a rejected row naming the
// item it matches; a row already in the dataset with the same portable id and content (the
// same file imported again, or a batch run again after a crash) is accepted and changes nothing.

export interface TImportBatchResult {
  index: number;
  status: "accepted" | "rejected";
  code?: string;
  message?: string;
}

export async function importItemBatch(
  db: Database,
  ctx: ProjectContext,
  datasetId: string,
  candidates: TItemCandidate[],
  duplicates: TItemsAdd["duplicates"],
): Promise<{ results: TImportBatchResult[]; accepted: number }> {
  const written = await writeBatch(db, ctx, datasetId, candidates, { duplicates, via: "import", unchangedIsFine: true });
  const results = written.map((r): TImportBatchResult => {
    if (r.status === "added" || r.status === "unchanged") return { index: r.index, status: "accepted" };
    if (r.status === "duplicate")
      return { index: r.index, status: "rejected", code: "duplicate", message: `Same normalized input as item ${r.duplicateOf}: skipped` };
    return { index: r.index, status: "rejected", code: r.code, message: r.message };
  });
  return { results, accepted: results.filter((r) => r.status === "accepted").length };
}
