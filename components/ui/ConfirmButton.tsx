"use client";

import { useEffect, useId, useRef, useState } from "react";
import { Button } from "./Button";

interface Props {
  label: string;
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm: () => Promise<void>;
  /** `secondary` for a change with wide effects that destroys nothing. */
  variant?: "danger" | "secondary";
  disabled?: boolean;
}

/** An action with wide or destructive effects behind a confirmation dialog (Escape cancels, focus starts on Cancel). */
export function ConfirmButton({ label, title, body, confirmLabel, onConfirm, variant = "danger", disabled }: Props) {
  const titleId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (dialog.current?.open) cancel.current?.focus();
  });
  return (
    <>
      <Button variant={variant} type="button" disabled={disabled} onClick={() => dialog.current?.showModal()}>
        {label}
      </Button>
      <dialog ref={dialog} aria-labelledby={titleId} className="m-auto w-full max-w-md rounded-lg p-5 shadow-xl backdrop:bg-slate-900/40">
        <h2 id={titleId} className="text-base font-semibold">
          {title}
        </h2>
        <p className="mt-2 text-sm text-slate-600">{body}</p>
        {error ? <p className="mt-2 text-sm text-red-700">{error}</p> : null}
        <div className="mt-4 flex justify-end gap-2">
          <Button ref={cancel} variant="secondary" type="button" onClick={() => dialog.current?.close()}>
            Cancel
          </Button>
          <Button
            variant={variant === "danger" ? "danger" : "primary"}
            type="button"
            disabled={busy}
            onClick={async () => {
              setBusy(true);
              setError(null);
              try {
                await onConfirm();
                dialog.current?.close();
              } catch (e) {
                setError(e instanceof Error ? e.message : "Something went wrong");
              } finally {
                setBusy(false);
              }
            }}
          >
            {busy ? "Working…" : confirmLabel}
          </Button>
        </div>
      </dialog>
    </>
  );
}
