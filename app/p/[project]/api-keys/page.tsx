import { ApiKeysPanel } from "../../../../components/apikeys/ApiKeysPanel";
import { Card } from "../../../../components/ui/Card";
import { Forbidden } from "../../../../components/ui/Forbidden";
import { listApiKeys } from "../../../../lib/apikeys/service";
import { can } from "../../../../lib/auth/scopes";
import { db } from "../../../../lib/db/client";
import { pageProject } from "../../../../lib/http/page-context";

export default async function ApiKeysPage({ params }: { params: Promise<{ project: string }> }) {
  const ctx = await pageProject((await params).project);
  if (!can(ctx, "apikeys:manage")) return <Forbidden what="API keys" />;
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
}
