import Link from "next/link";
import { projectPage } from "@/components/layout/projectPage";
import { RubricPreview } from "@/components/rubric/RubricPreview";
import { Card } from "@/components/ui/Card";
import { db } from "@/lib/db/client";
import { orNotFound } from "@/lib/http/not-found";
import { getVersion } from "@/lib/rubrics/service";

export default projectPage(async (ctx, { rubricId, versionId }: { project: string; rubricId: string; versionId: string }) => {
  ctx.require("rubrics:read", "rubrics");
  const { rubric, version } = await orNotFound(getVersion(db(), ctx, rubricId, versionId));
  const title = version.version === null ? "Draft" : `v${version.version}`;
  return (
    <>
      <div>
        <Link href={`/p/${ctx.project.slug}/rubrics/${rubric.id}`} className="text-sm text-indigo-700">
          ← {rubric.name}
        </Link>
        <h1 className="text-2xl font-semibold">
          {rubric.name} · {title}
        </h1>
        <p className="text-sm text-slate-600">
          {version.version === null
            ? "A draft: it can still change and no queue can use it."
            : `Published${version.changeNote ? `: ${version.changeNote}` : ""}. This version never changes.`}
        </p>
      </div>
      <Card title="Preview: what an expert sees">
        <RubricPreview criteria={version.content.criteria.map(({ id: _id, ...c }) => c)} guidelines={version.content.guidelines} />
      </Card>
    </>
  );
});
