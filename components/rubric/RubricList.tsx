import Link from "next/link";

export interface RubricRow {
  id: string;
  slug: string;
  name: string;
  description: string;
  latestVersion: number | null;
  hasDraft: boolean;
}

export function RubricList({ base, archived, rubrics }: { base: string; archived: boolean; rubrics: RubricRow[] }) {
  if (rubrics.length === 0) {
    return (
      <p className="text-sm text-slate-600" data-testid="rubrics-empty">
        {archived
          ? "No archived rubrics."
          : "No rubrics yet. A rubric writes down what “good” means, so experts judge alike: create one below, start from a template, or import a file."}
      </p>
    );
  }
  return (
    <ul className="divide-y divide-slate-100">
      {rubrics.map((r) => (
        <li key={r.id} className="flex items-center justify-between gap-4 py-2">
          <div className="min-w-0">
            <Link href={`${base}/${r.id}`} className="font-medium text-indigo-700 hover:underline">
              {r.name}
            </Link>
            <span className="ml-2 font-mono text-xs text-slate-500">{r.slug}</span>
            {r.description ? <p className="truncate text-sm text-slate-600">{r.description}</p> : null}
          </div>
          <span className="shrink-0 text-sm text-slate-600">
            {r.latestVersion ? `v${r.latestVersion}` : "unpublished"}
            {r.hasDraft ? " · draft" : ""}
          </span>
        </li>
      ))}
    </ul>
  );
}
