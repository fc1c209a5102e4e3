import type { TVersion } from "@/lib/datasets/schemas";
import { Card } from "@/components/ui/Card";
import { MoveTagDialog } from "./MoveTagDialog";
import { PublishDialog } from "./PublishDialog";
import { VersionTable } from "./VersionTable";

/** The versions tab: what was published, publishing the next one, and moving tags. */
export function VersionsSection({ slug, datasetId, versions, canWrite }: { slug: string; datasetId: string; versions: TVersion[]; canWrite: boolean }) {
  return (
    <Card
      title="Versions"
      actions={
        canWrite ? (
          <div className="flex gap-2">
            {versions.length ? <MoveTagDialog project={slug} datasetId={datasetId} versions={versions.map((v) => v.number)} /> : null}
            <PublishDialog project={slug} datasetId={datasetId} next={(versions[0]?.number ?? 0) + 1} />
          </div>
        ) : null
      }
    >
      <VersionTable versions={versions} />
    </Card>
  );
}
