"use client";

import { type ReactNode, useId, useRef, useState } from "react";
import { Button } from "./Button";
import { ErrorDetails } from "./ErrorDetails";

interface Props {
  /** The button that opens the dialog. */
  label: string;
  title: string;
  submitLabel: string;
  /** Runs with the form's fields; a thrown error is shown in the dialog, which stays open. */
  onSubmit: (form: FormData) => Promise<void>;
  children: ReactNode;
  variant?: "primary" | "secondary" | "danger";
  /** Keeps the submit button disabled (a typed confirmation that does not match yet). */
  submitDisabled?: boolean;
  testId?: string;
  onOpen?: () => void;
}

/** A button opening a modal form: Escape cancels, focus starts in the first field, errors stay beside the fields. */
export function FormDialog({ label, title, submitLabel, onSubmit, children, variant = "primary", submitDisabled, testId, onOpen }: Props) {
  const titleId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return (
    <>
      <Button
        type="button"
        variant={variant}
        data-testid={testId}
        onClick={() => {
          setError(null);
          onOpen?.();
          dialog.current?.showModal();
          dialog.current?.querySelector<HTMLElement>("input, textarea, select")?.focus();
        }}
      >
        {label}
      </Button>
      <dialog ref={dialog} aria-labelledby={titleId} className="m-auto w-full max-w-2xl rounded-lg p-5 shadow-xl backdrop:bg-slate-900/40">
        <form
          className="space-y-3"
          onSubmit={async (event) => {
            event.preventDefault();
            const form = event.currentTarget;
            setBusy(true);
            setError(null);
            try {
              await onSubmit(new FormData(form));
              dialog.current?.close();
              // The next opening starts from the defaults again, not from what was sent.
              form.reset();
            } catch (e) {
              setError(e);
            } finally {
              setBusy(false);
            }
          }}
        >
          <h2 id={titleId} className="text-base font-semibold">
            {title}
          </h2>
          {children}
          <ErrorDetails error={error} />
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => dialog.current?.close()}>
              Cancel
            </Button>
            <Button type="submit" variant={variant === "danger" ? "danger" : "primary"} disabled={busy || submitDisabled}>
              {busy ? "Working…" : submitLabel}
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
