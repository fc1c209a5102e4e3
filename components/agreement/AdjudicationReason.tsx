"use client";

import { useEffect, useId, useRef } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { Button } from "@/components/ui/Button";

interface Props {
  open: boolean;
  required: boolean;
  error?: string;
  field: UseFormRegisterReturn<"reason">;
  onDone: () => void;
}

/** The adjudication's reason: Enter keeps it and closes, then s saves. */
export function AdjudicationReason({ open, required, error, field, onDone }: Props) {
  const titleId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement | null>(null);
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) {
      d.showModal();
      input.current?.focus();
    } else if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onDone();
      }}
      className="m-auto w-full max-w-md rounded-lg p-5 shadow-xl backdrop:bg-slate-900/40"
    >
      <div className="space-y-3">
        <h2 id={titleId} className="text-base font-semibold">
          Why this value?
        </h2>
        <label className="block text-sm font-medium">
          Reason {required ? "(required: no rater gave this value)" : "(optional)"}
          <input
            {...field}
            ref={(el) => {
              field.ref(el);
              input.current = el;
            }}
            type="text"
            maxLength={5000}
            data-testid="adjudication-reason"
            onKeyDown={(e) => {
              if (e.key !== "Enter") return;
              e.preventDefault();
              onDone();
            }}
            className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm"
          />
        </label>
        {error ? <p className="text-sm text-red-700">{error}</p> : null}
        <p className="text-xs text-slate-500">Enter keeps the reason; then s saves and opens the next disagreement.</p>
        <div className="flex justify-end">
          <Button type="button" onClick={onDone}>
            Keep reason
          </Button>
        </div>
      </div>
    </dialog>
  );
}
