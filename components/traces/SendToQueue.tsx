"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { TQueueSelectionResult } from "@/lib/traces/schemas";
import { ApiError, api } from "@/components/ui/api";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";

interface Props {
  slug: string;
  queues: { id: string; name: string }[];
  selectedIds: string[];
  /** The list's filter as URL fields: "all matching" sends it, the server resolves it now. */
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
export function SendToQueue({ slug, queues, selectedIds, filter, onSent }: Props) {
  const router = useRouter();
  const [queueId, setQueueId] = useState(queues[0]?.id ?? "");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  if (queues.length === 0) return <p className="text-sm text-slate-500">This project has no open queue to send traces to.</p>;

  async function send(body: object) {
    setBusy(true);
    setMessage(null);
    try {
      const result = await api<TQueueSelectionResult>(`/api/projects/${slug}/queues/${queueId}/selection`, { body });
      setMessage({ tone: "success", text: summary(result) });
      onSent();
      router.refresh();
    } catch (e) {
      setMessage({ tone: "error", text: e instanceof ApiError ? e.message : "Something went wrong" });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-2" data-testid="send-to-queue">
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor="target-queue" className="text-sm font-medium text-slate-700">
          Send to queue
        </label>
        <select
          id="target-queue"
          value={queueId}
          onChange={(e) => setQueueId(e.target.value)}
          className="rounded-md border border-slate-300 px-2 py-1.5 text-sm"
        >
          {queues.map((q) => (
            <option key={q.id} value={q.id}>
              {q.name}
            </option>
          ))}
        </select>
        <Button type="button" disabled={busy || selectedIds.length === 0} onClick={() => send({ traceIds: selectedIds })}>
          Add {selectedIds.length} selected to queue
        </Button>
        <Button type="button" variant="secondary" disabled={busy} onClick={() => send({ filter })}>
          Add all matching this filter
        </Button>
      </div>
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
    </div>
  );
}
