import { ConnectionsPanel } from "@/components/connections/ConnectionsPanel";
import { projectPage } from "@/components/layout/projectPage";
import { Card } from "@/components/ui/Card";
import { can } from "@/lib/auth/scopes";
import { listConnections } from "@/lib/connections/service";

export default projectPage(async (ctx) => {
  ctx.require("judges:read", "model connections");
  const { connections } = await listConnections(ctx.db, ctx);
  return (
    <>
      <h1 className="text-2xl font-semibold">Model connections</h1>
      <p className="text-sm text-slate-600">OpenAI-compatible endpoints that judges call. Keys and header values are stored encrypted and never shown again.</p>
      <Card>
        <ConnectionsPanel project={ctx.project.slug} connections={connections} canManage={can(ctx, "connections:manage")} />
      </Card>
    </>
  );
});
