"use client";

import Link from "next/link";
import { type Shortcut, useShortcuts } from "@/components/keyboard/useShortcuts";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { type TDone, type TPending, ItemWorkspace } from "./ItemWorkspace";
import { useQueueSession } from "./useQueueSession";

/** The labeling screen: one item at a time, keyboard first, the next one already loaded. */
export function LabelingScreen({ slug, queueId, queueName, userId }: { slug: string; queueId: string; queueName: string; userId: string }) {
  const base = `/api/projects/${slug}/queues/${queueId}`;
  const session = useQueueSession(base);
  const nav: Shortcut[] = [
    { keys: ["["], label: "Step back through your submitted labels", run: session.back },
    { keys: ["]"], label: "Step forward again (past the newest: back to labeling)", run: session.forward },
  ];
  // Without an item on screen the form is gone, and with it its shortcuts: keep history reachable.
  useShortcuts(nav, !session.review && session.state.kind !== "ready");
  const view = session.review?.view ?? session.current;
  const onDone = (kind: TDone, pending: TPending) => {
    if (kind !== "revised") void session.advance(pending);
  };
  return (
    <div className="space-y-4">
      <div className="flex items-baseline gap-4">
        <h1 className="text-xl font-semibold">{queueName}</h1>
        <span className="text-sm text-slate-500" data-testid="session-done">
          {session.done} done this session
        </span>
        <Link href={`/p/${slug}/queues`} className="ml-auto text-sm text-indigo-700 underline">
          All queues
        </Link>
      </div>
      {session.review ? (
        <Alert tone="info">
          Reviewing your label {session.review.index + 1} of {session.review.entries.length}. Press ] to come back to labeling.
        </Alert>
      ) : null}
      {session.failed ? (
        <Alert tone="warning">
          <span data-testid="submit-refused">Previous item: {session.failed.message}</span>{" "}
          <Button type="button" variant="secondary" onClick={session.returnToFailed}>
            Back to that item
          </Button>
        </Alert>
      ) : null}
      {session.state.kind === "error" ? <Alert tone="error">{session.state.message}</Alert> : null}
      {session.state.kind === "loading" && !session.review ? <p className="text-sm text-slate-500">Claiming the next item…</p> : null}
      {session.state.kind === "empty" && !session.review ? (
        <div className="rounded-lg border border-dashed border-slate-300 p-8 text-center" data-testid="queue-empty">
          <p className="font-medium">Nothing left for you in this queue.</p>
          <p className="mt-1 text-sm text-slate-500">Every item has its labels or you already answered it. Press [ to review your own labels.</p>
        </div>
      ) : null}
      {view ? (
        <ItemWorkspace
          key={`${view.item.id}:${session.review ? "review" : "label"}`}
          base={base}
          userId={userId}
          view={view}
          onDone={onDone}
          navShortcuts={nav}
          onBack={session.back}
        />
      ) : null}
    </div>
  );
}
