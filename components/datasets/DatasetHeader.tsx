import Link from "next/link";
import type { TDataset } from "@/lib/datasets/schemas";
import { Alert } from "@/components/ui/Alert";
import { DatasetActions } from "./DatasetActions";

/** The dataset's name, description, schemas and the actions the caller's role allows. */
export function DatasetHeader({ slug, dataset, canWrite, canDelete }: { slug: string; dataset: TDataset; canWrite: boolean; canDelete: boolean }) {
  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <Link href={`/p/${slug}/datasets`} className="text-sm text-indigo-700">
            ← Datasets
          </Link>
          <h1 className="text-2xl font-semibold" data-testid="dataset-name">
            {dataset.name}
          </h1>
          {dataset.description ? <p className="mt-1 text-slate-700">{dataset.description}</p> : null}
          <p className="mt-1 text-sm text-slate-500">
            {dataset.items} item{dataset.items === 1 ? "" : "s"} · {dataset.latestVersion ? `latest v${dataset.latestVersion}` : "unpublished"}
            {dataset.inputSchema ? " · input schema" : ""}
            {dataset.expectedSchema ? " · expected output schema" : ""}
          </p>
        </div>
        <DatasetActions project={slug} datasetId={dataset.id} name={dataset.name} archived={dataset.archived} canWrite={canWrite} canDelete={canDelete} />
      </div>
      {dataset.archived ? (
        <Alert tone="warning">Archived: its items cannot change and no version can be published. Its versions stay downloadable.</Alert>
      ) : null}
    </>
  );
}
