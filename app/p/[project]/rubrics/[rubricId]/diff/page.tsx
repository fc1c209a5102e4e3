import Link from "next/link";
import { projectPage } from "@/components/layout/projectPage";
import { VersionDiff } from "@/components/rubric/VersionDiff";
import { Card } from "@/components/ui/Card";
import { db } from "@/lib/db/client";
import { orNotFound } from "@/lib/http/not-found";
import { diffRubricVersions } from "@/lib/rubrics/service";

const name = (v: { version: number | null }) => (v.version === null ? "Draft" : `v${v.version}`);

export default projectPage(async (ctx, { rubricId }: { project: string; rubricId: string }, { from = "", to = "" }: { from?: string; to?: string }) => {
  ctx.require("rubrics:read", "rubrics");
  const result = await orNotFound(diffRubricVersions(db(), ctx, rubricId, from, to));
  return (
    <>
      <div>
        <Link href={`/p/${ctx.project.slug}/rubrics/${rubricId}`} className="text-sm text-indigo-700">
          ← Rubric
        </Link>
        <h1 className="text-2xl font-semibold">
          {name(result.from)} → {name(result.to)}
        </h1>
      </div>
      <Card title="Differences">
        <div className="mb-3 grid grid-cols-2 gap-3 text-sm font-semibold text-slate-600">
          <span>{name(result.from)}</span>
          <span>{name(result.to)}</span>
        </div>
        <VersionDiff diff={result.diff} fromGuidelines={result.from.guidelines} toGuidelines={result.to.guidelines} />
      </Card>
    </>
  );
});
