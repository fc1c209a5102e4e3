import Link from "next/link";
import { projectPage } from "@/components/layout/projectPage";
import { ImportList } from "@/components/imports/ImportList";
import { ImportProgress } from "@/components/imports/ImportProgress";
import { ImportWizard } from "@/components/imports/ImportWizard";
import { Card } from "@/components/ui/Card";
import { pool } from "@/lib/db/client";
import { listProjectImports } from "@/lib/imports/service";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default projectPage(async (ctx, _params, searchParams: { id?: string }) => {
  ctx.require("traces:write", "trace imports");
  const shown = searchParams.id;
  const imports = await listProjectImports(pool(), ctx);
  const slug = ctx.project.slug;
  return (
    <>
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Import traces</h1>
        <Link href={`/p/${slug}/traces`} className="text-sm text-indigo-700 hover:underline">
          ← Traces
        </Link>
      </div>
      <Card title={shown && UUID.test(shown) ? "Import" : "New import"}>
        {shown && UUID.test(shown) ? <ImportProgress slug={slug} importId={shown} /> : <ImportWizard slug={slug} />}
      </Card>
      <Card title="Past imports">
        <ImportList slug={slug} imports={imports} />
      </Card>
    </>
  );
});
