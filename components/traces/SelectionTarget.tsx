"use client";

import { type ReactNode, useState } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { useSend } from "@/components/ui/useSend";

/** What the explorer hands a target: the checked traces, or its filter as URL fields (the server resolves it then). */
export type TSelection = { traceIds: string[] } | { filter: Record<string, string> };

/** What the control says; "Add to {noun}" unless given. */
export interface TSelectionWording {
  label: string;
  selected: (count: number) => string;
  all: string;
  empty: ReactNode;
}

const addTo = (noun: string): TSelectionWording => ({
  label: `Add to ${noun}`,
  selected: (count) => `Add ${count} selected to ${noun}`,
  all: `Add all matching to ${noun}`,
  empty: `This project has no open ${noun} to add traces to.`,
});

interface Props {
  /** "queue" or "dataset": names the picker and the buttons. */
  noun: string;
  targets: { id: string; name: string }[];
  selectedIds: string[];
  filter: Record<string, string>;
  /** Sends the selection to the chosen target; answers the sentence to show. */
  send: (targetId: string, selection: TSelection) => Promise<string>;
  onDone: () => void;
  wording?: TSelectionWording;
}

/** Sends the explorer's checked traces, or every trace matching its filter, to a chosen queue, dataset or judge. */
export function SelectionTarget({ noun, targets, selectedIds, filter, send, onDone, wording = addTo(noun) }: Props) {
  const [targetId, setTargetId] = useState(targets[0]?.id ?? "");
  const { busy, message, run } = useSend();
  if (targets.length === 0) {
    return (
      <p className="text-sm text-slate-500" data-testid={`add-to-${noun}-empty`}>
        {wording.empty}
      </p>
    );
  }

  const submit = (selection: TSelection) => void run(() => send(targetId, selection), onDone);

  return (
    <div className="space-y-2" data-testid={`add-to-${noun}`}>
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={`target-${noun}`} className="text-sm font-medium text-slate-700">
          {wording.label}
        </label>
        <select
          id={`target-${noun}`}
          value={targetId}
          onChange={(e) => setTargetId(e.target.value)}
          className="rounded-md border border-slate-300 px-2 py-1.5 text-sm"
        >
          {targets.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
        <Button type="button" disabled={busy || selectedIds.length === 0} onClick={() => submit({ traceIds: selectedIds })}>
          {wording.selected(selectedIds.length)}
        </Button>
        <Button type="button" variant="secondary" disabled={busy} onClick={() => submit({ filter })}>
          {wording.all}
        </Button>
      </div>
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
    </div>
  );
}
