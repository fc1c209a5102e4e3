import Link from "next/link";

export interface TQueueRow {
  id: string;
  name: string;
  mode: "SINGLE" | "PAIRWISE";
  overlap: number;
  blind: boolean;
  status: string;
  assigned: boolean;
  items: number;
  completed: number;
}

interface Props {
  slug: string;
  queues: TQueueRow[];
  /** Readers open a queue's progress page. */
  manage: boolean;
  /** Roles that adjudicate every queue open its disagreements from the row. */
  settle?: boolean;
  testId: string;
}

/** Queues as rows: labeling for the ones the user is assigned to, management for readers, disagreements for adjudicators. */
export function QueueList({ slug, queues, manage, settle = false, testId }: Props) {
  return (
    <ul className="divide-y divide-slate-100" data-testid={testId}>
      {queues.map((q) => (
        <li key={q.id} className="flex flex-wrap items-center gap-3 py-2 text-sm">
          <span className="font-medium">{q.name}</span>
          <span className="text-slate-500">
            {q.mode === "PAIRWISE" ? "pairwise · " : ""}
            {q.overlap} rater{q.overlap > 1 ? "s" : ""} per item{q.blind ? " · blind" : ""}
            {q.status !== "ACTIVE" ? ` · ${q.status.toLowerCase()}` : ""}
          </span>
          <span className="text-slate-500">
            <progress className="mr-1 h-2 w-24 align-middle" max={Math.max(q.items, 1)} value={q.completed} aria-label={`${q.name}: completed items`} />
            {q.completed} / {q.items} complete
          </span>
          <span className="ml-auto flex gap-3">
            {q.assigned ? (
              <Link className="text-indigo-700 underline" href={`/p/${slug}/queues/${q.id}/label`}>
                Label
              </Link>
            ) : null}
            {manage ? (
              <Link className="text-indigo-700 underline" href={`/p/${slug}/queues/${q.id}`}>
                Progress
              </Link>
            ) : null}
            {settle ? (
              <Link className="text-indigo-700 underline" href={`/p/${slug}/queues/${q.id}/disagreements`}>
                Disagreements
              </Link>
            ) : null}
          </span>
        </li>
      ))}
    </ul>
  );
}
