import Link from "next/link";
import type { TJudgeAgreement } from "@/lib/judge-report/schemas";
import { percent } from "@/components/agreement/format";
import { Card } from "@/components/ui/Card";
import { AgreementControls } from "./AgreementControls";
import { ComparisonFigures } from "./ComparisonFigures";
import { DisagreementPicker } from "./DisagreementPicker";

/** One judge version held against people: choices, figures, the other version, and the disagreements. */
export function AgreementReport({
  project,
  report,
  canManage,
  queues,
}: {
  project: string;
  report: TJudgeAgreement;
  canManage: boolean;
  /** Open queues the caller may add disagreements to; null without the permission. */
  queues: { id: string; name: string; mode: "SINGLE" | "PAIRWISE" }[] | null;
}) {
  const base = `/p/${project}/judges/${encodeURIComponent(report.judge)}`;
  return (
    <>
      <AgreementControls
        versions={report.versions}
        version={report.version}
        criteria={report.criteria}
        criterion={report.criterion.key}
        reference={report.reference}
        against={report.against?.version ?? null}
        external={report.external}
      />
      <Card title={`${report.version} on ${report.criterion.label}, against ${report.reference}`}>
        <ComparisonFigures comparison={report.comparison} />
        {report.position ? (
          <p className="mt-3 text-sm" data-testid="position">
            Position consistency {percent(report.position.positionConsistency)} over {report.position.items} items; the output shown first was picked{" "}
            {percent(report.position.firstPositionPickRate)} of the time.
          </p>
        ) : null}
      </Card>
      {report.against ? (
        <Card title={`${report.version} against ${report.against.version}, on the ${report.against.items} items held out from both`}>
          <p className="mb-3 text-sm text-slate-600">
            {report.against.heldOutExcluded} items left out because one of the versions used them as calibration examples.
          </p>
          <div className="grid gap-6 lg:grid-cols-2">
            <div>
              <h3 className="mb-2 font-medium">{report.version}</h3>
              <ComparisonFigures comparison={report.against.self} testId="comparison-self" />
            </div>
            <div>
              <h3 className="mb-2 font-medium">{report.against.version}</h3>
              <ComparisonFigures comparison={report.against.other} testId="comparison-other" />
            </div>
          </div>
        </Card>
      ) : null}
      <Card
        title="Where the judge and people differ most"
        actions={
          report.external ? null : (
            <Link className="text-sm text-indigo-700 underline" href={`${base}/examples`}>
              Calibration set
            </Link>
          )
        }
      >
        <DisagreementPicker
          project={project}
          judge={report.judge}
          version={report.version}
          mode={report.mode}
          rows={report.disagreements}
          pickable={canManage && !report.external}
          queues={queues}
        />
      </Card>
    </>
  );
}
