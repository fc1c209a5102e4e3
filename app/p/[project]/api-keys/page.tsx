import { ApiKeysPanel } from "@/components/apikeys/ApiKeysPanel";
import { projectPage } from "@/components/layout/projectPage";
import { Card } from "@/components/ui/Card";
import { listApiKeys } from "@/lib/apikeys/service";
import { db } from "@/lib/db/client";

export default projectPage(async (ctx) => {
  ctx.require("apikeys:manage", "API keys");
  const keys = await listApiKeys(db(), ctx);
  return (
    <>
      <h1 className="text-2xl font-semibold">API keys</h1>
      <Card>
        <ApiKeysPanel
          project={ctx.project.slug}
          keys={keys.map((k) => ({
            id: k.id,
            name: k.name,
            displayHint: k.displayHint,
            scope: k.scope,
            createdAt: k.createdAt.toISOString(),
            lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
            revokedAt: k.revokedAt?.toISOString() ?? null,
            createdBy: k.createdBy?.email ?? null,
          }))}
        />
      </Card>
    </>
  );
});
