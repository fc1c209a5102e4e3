import Link from "next/link";
import { CreateRubricForm } from "@/components/rubric/CreateRubricForm";
import { ImportRubricForm } from "@/components/rubric/ImportRubricForm";
import { projectPage } from "@/components/layout/projectPage";
import { RubricList } from "@/components/rubric/RubricList";
import { Card } from "@/components/ui/Card";
import { db } from "@/lib/db/client";
import { listRubrics } from "@/lib/rubrics/service";

export default projectPage(async (ctx, _params, searchParams: { archived?: string }) => {
  ctx.require("rubrics:read", "rubrics");
  const archived = searchParams.archived === "1";
  const rubrics = await listRubrics(db(), ctx, { archived });
  const manage = ctx.can("rubrics:manage");
  const base = `/p/${ctx.project.slug}/rubrics`;
  return (
    <>
      <h1 className="text-2xl font-semibold">Rubrics</h1>
      <Card
        title={archived ? "Archived rubrics" : "Rubrics"}
        actions={
          <nav aria-label="Rubric filter" className="flex gap-3 text-sm">
            <Link href={base} aria-current={archived ? undefined : "page"} className={archived ? "text-indigo-700" : "font-semibold"}>
              Active
            </Link>
            <Link href={`${base}?archived=1`} aria-current={archived ? "page" : undefined} className={archived ? "font-semibold" : "text-indigo-700"}>
              Archived
            </Link>
          </nav>
        }
      >
        <RubricList
          base={base}
          archived={archived}
          rubrics={rubrics.map((r) => ({
            id: r.id,
            slug: r.slug,
            name: r.name,
            description: r.description,
            latestVersion: r.latestVersion,
            hasDraft: r.hasDraft,
          }))}
        />
      </Card>
      {manage ? (
        <>
          <Card title="New rubric">
            <CreateRubricForm project={ctx.project.slug} />
          </Card>
          <Card title="Import a rubric file">
            <ImportRubricForm project={ctx.project.slug} />
          </Card>
        </>
      ) : null}
    </>
  );
});
