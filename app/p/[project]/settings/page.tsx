import { projectPage } from "@/components/layout/projectPage";
import { ThresholdsForm } from "@/components/projects/ThresholdsForm";
import { JudgeMinItemsForm } from "@/components/judges/JudgeMinItemsForm";
import Link from "next/link";
import { Card } from "@/components/ui/Card";
import { readJudgeSettings } from "@/lib/judge-report/settings";
import { readAgreementThresholds } from "@/lib/projects/thresholds";

export default projectPage(async (ctx) => {
  ctx.require("settings:manage", "project settings");
  const [thresholds, judges] = await Promise.all([readAgreementThresholds(ctx.db, ctx), readJudgeSettings(ctx.db, ctx)]);
  return (
    <>
      <h1 className="text-2xl font-semibold">Settings</h1>
      <Card title="Model connections">
        <p className="text-sm text-slate-600">
          Endpoints that judges call, with their keys stored encrypted.{" "}
          <Link className="text-indigo-700 underline" href={`/p/${ctx.project.slug}/settings/connections`}>
            Manage model connections
          </Link>
        </p>
      </Card>
      <Card title="Agreement thresholds">
        <ThresholdsForm url={`/api/projects/${ctx.project.slug}/agreement-thresholds`} current={thresholds} />
      </Card>
      <Card title="Judges held against people">
        <JudgeMinItemsForm url={`/api/projects/${ctx.project.slug}/judge-settings`} current={judges.judgeMinItems} />
      </Card>
    </>
  );
});
