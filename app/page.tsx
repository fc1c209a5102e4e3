import Link from "next/link";
import { redirect } from "next/navigation";
import { AppHeader } from "@/components/layout/AppHeader";
import { Card } from "@/components/ui/Card";
import { db } from "@/lib/db/client";
import { pageUser } from "@/lib/http/page-context";
import { listMyProjects } from "@/lib/projects/service";

export default async function HomePage() {
  const actor = await pageUser();
  const projects = await listMyProjects(db(), actor);
  if (projects.length === 1 && !actor.isInstanceAdmin) redirect(`/p/${projects[0].slug}`);
  return (
    <>
      <AppHeader actor={actor} current={null} />
      <main className="mx-auto max-w-3xl px-6 py-10">
        <Card title="Your projects">
          {projects.length === 0 ? (
            <p className="text-sm text-slate-600">
              {actor.isInstanceAdmin ? (
                <>
                  No projects yet.{" "}
                  <Link className="text-indigo-700 underline" href="/admin">
                    Create the first one
                  </Link>
                  .
                </>
              ) : (
                "You are not a member of any project yet. Ask an admin for an invitation link."
              )}
            </p>
          ) : (
            <ul className="divide-y divide-slate-100">
              {projects.map((p) => (
                <li key={p.id}>
                  <Link href={`/p/${p.slug}`} className="flex justify-between py-3 hover:text-indigo-700">
                    <span className="font-medium">{p.name}</span>
                    <span className="text-sm text-slate-500">{p.role}</span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </main>
    </>
  );
}
