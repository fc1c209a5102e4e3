import { projectPage } from "@/components/layout/projectPage";
import { AgreementReport } from "@/components/judges/AgreementReport";
import { can } from "@/lib/auth/scopes";
import { AppError } from "@/lib/errors";
import { ZAgreementQuery } from "@/lib/judge-report/schemas";
import { judgeAgreement } from "@/lib/judge-report/service";
import { judgeNameParam } from "@/lib/judge-report/subject";
import { openQueues } from "@/lib/queues/options";

type Search = { version?: string; criterion?: string; reference?: string; against?: string };

export default projectPage(async (ctx, params: { project: string; name: string }, search: Search) => {
  ctx.require("judges:read", "judges");
  const name = judgeNameParam(params.name);
  const query = ZAgreementQuery.safeParse(search);
  const [report, queues] = await Promise.all([
    judgeAgreement(ctx.db, ctx, name, query.success ? query.data : ZAgreementQuery.parse({})).catch((error) => {
      if (error instanceof AppError && error.code === "not_found") return error.message;
      throw error;
    }),
    ctx.can("queues:manage") ? openQueues(ctx.db, ctx) : null,
  ]);
  return (
    <>
      <h1 className="text-2xl font-semibold">{name}: held against people</h1>
      {typeof report === "string" ? (
        <p className="text-sm text-slate-600" data-testid="agreement-empty">
          Nothing to compare yet ({report.toLowerCase()}): publish a version and run it, or send scores with a rubric reference.
        </p>
      ) : (
        <AgreementReport project={ctx.project.slug} report={report} canManage={can(ctx, "judges:manage")} queues={queues} />
      )}
    </>
  );
});
