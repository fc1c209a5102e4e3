import Link from "next/link";
import { VersionDiff } from "../../../../../../components/rubric/VersionDiff";
import { Card } from "../../../../../../components/ui/Card";
import { Forbidden } from "../../../../../../components/ui/Forbidden";
import { can } from "../../../../../../lib/auth/scopes";
import { db } from "../../../../../../lib/db/client";
import { orNotFound } from "../../../../../../lib/http/not-found";
import { pageProject } from "../../../../../../lib/http/page-context";
import { diffRubricVersions } from "../../../../../../lib/rubrics/service";

const name = (v: { version: number | null }) => (v.version === null ? "Draft" : `v${v.version}`);

export default async function DiffPage({ params, searchParams }: { params: Promise<{ project: string; rubricId: string }>; searchParams: Promise<{ from?: string; to?: string }> }) {
  const [{ project, rubricId }, { from = "", to = "" }] = await Promise.all([params, searchParams]);
  const ctx = await pageProject(project);
  if (!can(ctx, "rubrics:read")) return <Forbidden what="rubrics" />;
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
}
