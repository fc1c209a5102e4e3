"use client";

import { useRouter } from "next/navigation";
import type { TQueueSelectionResult } from "@/lib/traces/schemas";
import { api } from "@/components/ui/api";
import { SelectionTarget } from "./SelectionTarget";

interface Props {
  slug: string;
  queues: { id: string; name: string }[];
  selectedIds: string[];
  filter: Record<string, string>;
  onSent: () => void;
}

function summary(r: TQueueSelectionResult): string {
  const parts = [`Added ${r.added} trace${r.added === 1 ? "" : "s"} to the queue.`];
  if (r.duplicates) parts.push(`${r.duplicates} already there, left as they were.`);
  if (r.missing) parts.push(`${r.missing} no longer exist.`);
  return parts.join(" ");
}

/** Sends the checked traces, or every trace matching the filter, to an annotation queue. */
export function SendToQueue({ slug, queues, onSent, ...selection }: Props) {
  const router = useRouter();
  return (
    <SelectionTarget
      noun="queue"
      targets={queues}
      {...selection}
      send={async (queueId, body) => summary(await api<TQueueSelectionResult>(`/api/projects/${slug}/queues/${queueId}/selection`, { body }))}
      onDone={() => {
        onSent();
        router.refresh();
      }}
    />
  );
}
