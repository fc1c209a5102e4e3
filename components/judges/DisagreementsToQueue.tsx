"use client";

import { useState } from "react";
import { type TQueueMode, queueItemsFor, sentSentence } from "@/lib/judge-report/to-queue";
import type { TItemsAddedAnswer } from "@/lib/queues/answers";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { api } from "@/components/ui/api";
import { useSend } from "@/components/ui/useSend";
import { SelectField } from "./SelectField";

interface Props {
  project: string;
  /** The report's shape: single-trace disagreements, or pairs. */
  mode: "single" | "pairwise";
  selected: { traceId: string; traceBId: string | null }[];
  /** The project's open queues (the page lists them only for callers who may add items). */
  queues: { id: string; name: string; mode: TQueueMode }[];
  onSent: () => void;
}

/** Sends the checked disagreements to an open annotation queue of the same shape; items already there stay as they are. */
export function DisagreementsToQueue({ project, mode, selected, queues, onSent }: Props) {
  // A queue of the report's shape first: the others are listed, and refused with a reason.
  const [queueId, setQueueId] = useState((queues.find((q) => (q.mode === "PAIRWISE") === (mode === "pairwise")) ?? queues[0])?.id ?? "");
  const { busy, message, run } = useSend();
  if (queues.length === 0)
    return (
      <p className="text-sm text-slate-500" data-testid="no-open-queue">
        This project has no open queue to send disagreements to.
      </p>
    );
  const queue = queues.find((q) => q.id === queueId) ?? queues[0];
  const plan = queueItemsFor(mode, selected, queue.mode);

  function send() {
    if (!("body" in plan)) return;
    const { body } = plan;
    void run(async () => sentSentence(await api<TItemsAddedAnswer>(`/api/projects/${project}/queues/${queue.id}/items`, { body })), onSent);
  }

  return (
    <div className="space-y-2" data-testid="disagreements-to-queue">
      <div className="flex flex-wrap items-end gap-2">
        <SelectField
          id="disagreement-queue"
          label="Queue"
          value={queue.id}
          onChange={(e) => setQueueId(e.target.value)}
          options={queues.map((q) => [q.id, q.mode === "PAIRWISE" ? `${q.name} (pairwise)` : q.name])}
        />
        <Button type="button" variant="secondary" disabled={busy || selected.length === 0 || !("body" in plan)} onClick={send}>
          Send to queue
        </Button>
      </div>
      {"refusal" in plan ? <Alert tone="warning">{plan.refusal}</Alert> : null}
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
    </div>
  );
}
