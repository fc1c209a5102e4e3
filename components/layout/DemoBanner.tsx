export function DemoBanner() {
  return (
    <div role="status" className="bg-amber-100 px-6 py-1.5 text-center text-sm text-amber-900" data-testid="demo-banner">
      Demo credentials active: anyone who knows the published demo passwords can sign in. An instance admin removes them under Instance admin, or run{" "}
      <code className="font-mono">npm run db:remove-demo</code>.
    </div>
  );
}
