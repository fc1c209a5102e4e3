import { ArchiveJudgeButton } from "@/components/judges/ArchiveJudgeButton";
import { DraftEditor } from "@/components/judges/DraftEditor";
import { JudgeLinks } from "@/components/judges/JudgeLinks";
import { JudgeVersionTable } from "@/components/judges/JudgeVersionTable";
import { PromptPreview } from "@/components/judges/prompt-preview";
import { VersionDetails } from "@/components/judges/VersionDetails";
import { projectPage } from "@/components/layout/projectPage";
import { Card } from "@/components/ui/Card";
import { orNotFound } from "@/lib/http/not-found";
import { openDraft } from "@/lib/judge-versions/draft";
import { editorOptions } from "@/lib/judge-versions/options";
import { getJudge, listVersions } from "@/lib/judge-versions/service";

export default projectPage(async (ctx, params: { project: string; name: string }) => {
  ctx.require("judges:read", "LLM judges");
  const name = params.name;
  const judge = await orNotFound(getJudge(ctx.db, ctx, name));
  const [{ versions }, draft] = await Promise.all([listVersions(ctx.db, ctx, name), openDraft(ctx.db, ctx, name)]);
  const canManage = ctx.can("judges:manage") && !judge.archived;
  const options = canManage ? await editorOptions(ctx.db, ctx, judge.id) : null;
  const latest = versions.at(-1);
  const slug = ctx.project.slug;
  return (
    <>
      <div className="space-y-1">
        <div className="flex items-center justify-between gap-2">
          <h1 className="text-2xl font-semibold">
            {judge.name}
            {judge.archived ? <span className="ml-2 rounded bg-slate-100 px-1.5 align-middle text-xs text-slate-600">archived</span> : null}
          </h1>
          {ctx.can("judges:manage") ? <ArchiveJudgeButton project={slug} judgeName={judge.name} archived={judge.archived} /> : null}
        </div>
        {judge.description ? <p className="text-sm text-slate-600">{judge.description}</p> : null}
        <JudgeLinks base={`/p/${slug}/judges/${encodeURIComponent(judge.name)}`} canRun={ctx.can("judges:run") && latest !== undefined && !judge.archived} />
      </div>
      <Card>
        <h2 className="mb-2 text-lg font-semibold">Versions</h2>
        <JudgeVersionTable project={slug} judgeName={judge.name} versions={versions} canManage={canManage} />
      </Card>
      {options ? (
        <Card>
          <h2 className="mb-2 text-lg font-semibold">{draft ? "Draft" : "New draft"}</h2>
          <DraftEditor
            key={draft?.id ?? `after-v${latest?.version ?? 0}`}
            project={slug}
            judgeName={judge.name}
            options={options}
            initial={draft ?? latest ?? null}
            hasDraft={draft !== null}
            nextVersion={(latest?.version ?? 0) + 1}
          />
        </Card>
      ) : latest ? (
        <Card>
          <VersionDetails version={latest} />
        </Card>
      ) : null}
      {draft || latest ? (
        <Card>
          <h2 className="mb-2 text-lg font-semibold">Preview the prompt{draft ? " (saved draft)" : ` (v${latest!.version})`}</h2>
          <PromptPreview project={slug} judgeName={judge.name} version={draft ? "draft" : (latest!.version ?? "draft")} />
        </Card>
      ) : null}
    </>
  );
});
