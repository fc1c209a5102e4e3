import Link from "next/link";
import type { UserActor } from "@/lib/auth/context";
import { db } from "@/lib/db/client";
import { listMyProjects } from "@/lib/projects/service";
import { ProjectSwitcher } from "./ProjectSwitcher";
import { SignOutButton } from "./SignOutButton";

export async function AppHeader({ actor, current }: { actor: UserActor; current: string | null }) {
  const projects = await listMyProjects(db(), actor);
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl items-center gap-4 px-6 py-3">
        <Link href="/" className="font-semibold tracking-tight text-slate-900">
          Assay
        </Link>
        <ProjectSwitcher current={current} projects={projects} />
        <div className="ml-auto flex items-center gap-4">
          {actor.isInstanceAdmin ? (
            <Link href="/admin" className="text-sm text-slate-600 hover:text-slate-900">
              Instance admin
            </Link>
          ) : null}
          <Link href="/account" className="text-sm text-slate-500 hover:text-slate-900" data-testid="signed-in-as">
            {actor.email}
          </Link>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
