import type { ReactNode } from "react";

export function AuthShell({ title, subtitle, children }: { title: string; subtitle?: ReactNode; children: ReactNode }) {
  return (
    <main className="mx-auto mt-20 max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <p className="text-sm font-semibold tracking-tight text-indigo-700">Assay</p>
      <h1 className="mt-1 text-xl font-semibold">{title}</h1>
      {subtitle ? <div className="mt-1 text-sm text-slate-600">{subtitle}</div> : null}
      <div className="mt-5">{children}</div>
    </main>
  );
}
