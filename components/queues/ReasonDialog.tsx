"use client";

import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/Button";

interface Props {
  /** Open while set: what the reason is for. */
  action: { title: string; confirmLabel: string } | null;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}

/**
 * Asks for an optional reason before a skip or a flag. Focus starts in the text field; Enter
 * confirms (an empty reason is fine), Escape cancels.
 */
export function ReasonDialog({ action, onConfirm, onCancel }: Props) {
  const titleId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const field = useRef<HTMLInputElement>(null);
  const [reason, setReason] = useState("");
  const open = action !== null;
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) {
      setReason("");
      d.showModal();
      field.current?.focus();
    } else if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
      className="m-auto w-full max-w-md rounded-lg p-5 shadow-xl backdrop:bg-slate-900/40"
    >
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          onConfirm(reason.trim());
        }}
      >
        <h2 id={titleId} className="text-base font-semibold">
          {action?.title}
        </h2>
        <label className="block text-sm font-medium">
          Reason (optional)
          <input
            ref={field}
            type="text"
            maxLength={1000}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm"
          />
        </label>
        <p className="text-xs text-slate-500">Enter confirms, Esc cancels.</p>
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit">{action?.confirmLabel}</Button>
        </div>
      </form>
    </dialog>
  );
}
