import type { TLineage } from "@/lib/datasets/content";
import type { TItem, TItemRevision } from "@/lib/datasets/schemas";
import { JsonTree } from "@/components/traces/JsonTree";
import { Card } from "@/components/ui/Card";
import { ArchiveItemButton } from "./ArchiveItemButton";
import { ItemFormDialog } from "./ItemFormDialog";
import { Lineage } from "./Lineage";
import { preview } from "./preview";

interface Props {
  slug: string;
  datasetId: string;
  history: { item: TItem; revisions: TItemRevision[]; sourceTrace: string | null };
  canWrite: boolean;
  knownSplits: string[];
}

/** One item: its content rendered as data (never as HTML), its lineage, and every revision. */
export function ItemPanel({ slug, datasetId, history, canWrite, knownSplits }: Props) {
  const { item, revisions, sourceTrace } = history;
  return (
    <Card
      title={`Item ${item.portableId}`}
      actions={
        canWrite ? (
          <div className="flex gap-2">
            <ItemFormDialog key={item.revisionId} project={slug} datasetId={datasetId} item={item} knownSplits={knownSplits} />
            <ArchiveItemButton url={`/api/projects/${slug}/datasets/${datasetId}/items/${item.id}`} archived={item.archived} />
          </div>
        ) : null
      }
    >
      <div className="space-y-4" data-testid="item-panel">
        <p className="text-sm text-slate-600">
          Revision {item.revision}
          {item.archived ? " · archived" : ""}
          {item.redacted ? " · redacted" : ""}
          {item.exact ? " · exact match" : ""} · splits: {item.splits.join(", ") || "none"} · tags: {item.tags.join(", ") || "none"}
        </p>
        <div className="grid gap-4 md:grid-cols-2">
          <div>
            <h3 className="text-sm font-semibold">Input</h3>
            <JsonTree value={item.input} label="Input" />
          </div>
          <div>
            <h3 className="text-sm font-semibold">{item.preference ? "Preference pair" : "Expected output"}</h3>
            <JsonTree value={item.preference ?? item.expectedOutput} label="Expected output" />
          </div>
        </div>
        {Object.keys(item.metadata).length ? <JsonTree value={item.metadata} label="Metadata" /> : null}
        <section>
          <h3 className="text-sm font-semibold">Lineage</h3>
          <Lineage slug={slug} lineage={item.lineage as TLineage | null} sourceTrace={sourceTrace} addedBy={revisions[revisions.length - 1]?.author ?? null} />
        </section>
        <section>
          <h3 className="text-sm font-semibold">Revisions</h3>
          <ol className="divide-y divide-slate-100 text-sm" data-testid="item-revisions">
            {revisions.map((r) => (
              <li key={r.revision} className="py-1">
                <span className="font-medium">r{r.revision}</span> · {new Date(r.createdAt).toISOString().replace("T", " ").slice(0, 16)} UTC ·{" "}
                {r.author ?? "unknown"}
                {r.archived ? " · archived" : ""} · expected: <span className="text-slate-700">{preview(r.expectedOutput, 60)}</span>
              </li>
            ))}
          </ol>
        </section>
      </div>
    </Card>
  );
}
