import type { ReactNode } from "react";
import { AppHeader } from "@/components/layout/AppHeader";
import { ProjectNav } from "@/components/layout/ProjectNav";
import { pageContext } from "@/lib/http/page-context";

export default async function ProjectLayout({ children, params }: { children: ReactNode; params: Promise<{ project: string }> }) {
  const ctx = await pageContext((await params).project);
  return (
    <>
      <AppHeader actor={ctx.actor} current={ctx.project.slug} />
      <div className="border-b border-slate-200 bg-white">
        <ProjectNav ctx={ctx} />
      </div>
      <main className="mx-auto max-w-6xl space-y-6 px-6 py-8">{children}</main>
    </>
  );
}
