import Link from "next/link";
import { Card } from "@/components/ui/Card";

export function MyQueues({ slug, queues }: { slug: string; queues: { id: string; name: string; pending: number; overlap: number }[] }) {
  return (
    <Card title="My queues">
      {queues.length === 0 ? (
        <p className="text-sm text-slate-500">No queues are assigned to you in this project.</p>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="my-queues">
          {queues.map((q) => (
            <li key={q.id} className="flex justify-between py-2 text-sm">
              <Link href={`/p/${slug}/queues/${q.id}/label`} className="font-medium text-indigo-700 hover:underline">
                {q.name}
              </Link>
              <span className="text-slate-500">
                {q.pending} items pending · {q.overlap} raters per item
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
