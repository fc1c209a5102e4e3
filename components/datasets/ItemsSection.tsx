import Link from "next/link";
import type { TItem, TItemRevision } from "@/lib/datasets/schemas";
import { Card } from "@/components/ui/Card";
import { ItemFormDialog } from "./ItemFormDialog";
import { ItemPanel } from "./ItemPanel";
import { ItemTable } from "./ItemTable";

interface Props {
  slug: string;
  base: string;
  datasetId: string;
  page: { items: TItem[]; nextCursor: string | null };
  history: { item: TItem; revisions: TItemRevision[]; sourceTrace: string | null } | null;
  params: Record<string, string | undefined>;
  knownSplits: string[];
  canWrite: boolean;
}

/** The items tab: the open item's panel, then the paged table, with the ways to add items. */
export function ItemsSection({ slug, base, datasetId, page, history, params, knownSplits, canWrite }: Props) {
  return (
    <>
      {history ? <ItemPanel slug={slug} datasetId={datasetId} history={history} canWrite={canWrite} knownSplits={knownSplits} /> : null}
      <Card
        title="Items"
        actions={
          canWrite ? (
            <div className="flex items-center gap-3">
              <Link href={`${base}/promote`} className="text-sm text-indigo-700 hover:underline">
                Add from a queue
              </Link>
              <ItemFormDialog project={slug} datasetId={datasetId} knownSplits={knownSplits} />
            </div>
          ) : null
        }
      >
        <ItemTable base={base} items={page.items} params={params} nextCursor={page.nextCursor} knownSplits={knownSplits} />
      </Card>
    </>
  );
}
