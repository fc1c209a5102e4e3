import Link from "next/link";

/** The queues the expert is named adjudicator of, with the ways to their agreement report and disagreements. */
export function AdjudicatedQueues({ slug, queues }: { slug: string; queues: { id: string; name: string }[] }) {
  return (
    <ul className="divide-y divide-slate-100" data-testid="adjudicated-queue-list">
      {queues.map((q) => (
        <li key={q.id} className="flex flex-wrap items-center gap-3 py-2 text-sm">
          <span className="font-medium">{q.name}</span>
          <span className="ml-auto flex gap-3">
            <Link className="text-indigo-700 underline" href={`/p/${slug}/queues/${q.id}/agreement`}>
              Agreement
            </Link>
            <Link className="text-indigo-700 underline" href={`/p/${slug}/queues/${q.id}/disagreements`}>
              Disagreements
            </Link>
          </span>
        </li>
      ))}
    </ul>
  );
}
