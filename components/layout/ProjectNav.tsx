import Link from "next/link";
import type { ProjectContext } from "@/lib/auth/context";
import { type Scope, can } from "@/lib/auth/scopes";

const ITEMS: { href: string; label: string; scope: Scope }[] = [
  { href: "", label: "Home", scope: "project:read" },
  { href: "/traces", label: "Traces", scope: "traces:read" },
  { href: "/queues", label: "Queues", scope: "queues:label" },
  { href: "/rubrics", label: "Rubrics", scope: "rubrics:read" },
  { href: "/datasets", label: "Datasets", scope: "datasets:read" },
  { href: "/judges", label: "Judges", scope: "judges:read" },
  { href: "/members", label: "Members", scope: "members:read" },
  { href: "/api-keys", label: "API keys", scope: "apikeys:manage" },
  { href: "/settings", label: "Settings", scope: "settings:manage" },
];

/** Shows only what the caller's role may open; the pages check again on their own. */
export function ProjectNav({ ctx }: { ctx: ProjectContext }) {
  return (
    <nav aria-label="Project" className="mx-auto flex max-w-6xl gap-5 px-6 text-sm">
      {ITEMS.filter((item) => can(ctx, item.scope)).map((item) => (
        <Link
          key={item.label}
          href={`/p/${ctx.project.slug}${item.href}`}
          className="border-b-2 border-transparent py-2 text-slate-600 hover:border-indigo-400 hover:text-slate-900"
        >
          {item.label}
        </Link>
      ))}
      <span className="ml-auto py-2 text-slate-400" data-testid="my-role">
        {ctx.role}
      </span>
    </nav>
  );
}
