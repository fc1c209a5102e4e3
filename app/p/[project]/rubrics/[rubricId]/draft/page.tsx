import Link from "next/link";
import { redirect } from "next/navigation";
import { projectPage } from "@/components/layout/projectPage";
import { RubricEditor } from "@/components/rubric/editor/RubricEditor";
import { db } from "@/lib/db/client";
import { orNotFound } from "@/lib/http/not-found";
import { ZRubricContent } from "@/lib/rubrics/schemas";
import { getDraft, getRubric } from "@/lib/rubrics/service";

export default projectPage(async (ctx, { rubricId }: { project: string; rubricId: string }) => {
  ctx.require("rubrics:manage", "the rubric editor");
  const [{ rubric, draft }, { versions }] = await Promise.all([orNotFound(getDraft(db(), ctx, rubricId)), orNotFound(getRubric(db(), ctx, rubricId))]);
  // No open draft: the rubric page starts one (a copy of the latest version).
  if (!draft) redirect(`/p/${ctx.project.slug}/rubrics/${rubric.id}`);
  // Stored drafts may be incomplete; the editor shows them as they are, with errors marked.
  const parsed = ZRubricContent.safeParse({ guidelines: draft.content.guidelines, criteria: draft.content.criteria.map(({ id: _id, ...c }) => c) });
  const initial = parsed.success ? parsed.data : { guidelines: draft.content.guidelines, criteria: draft.content.criteria };
  const latest = versions.find((v) => v.version !== null)?.version ?? 0;
  return (
    <>
      <div>
        <Link href={`/p/${ctx.project.slug}/rubrics/${rubric.id}`} className="text-sm text-indigo-700">
          ← {rubric.name}
        </Link>
        <h1 className="text-2xl font-semibold">Draft of {rubric.name}</h1>
        <p className="text-sm text-slate-600">
          {latest ? `Changes here become v${latest + 1} when published; v${latest} stays as it is.` : "Nothing is published yet: publishing makes v1."}
        </p>
      </div>
      <RubricEditor project={ctx.project.slug} rubricId={rubric.id} initial={initial} nextVersion={latest + 1} />
    </>
  );
});
