"use client";

import { useRef, useState } from "react";
import { Button } from "@/components/ui/Button";

/** Publishing is final: the dialog says so and asks for the change note experts will read. */
export function PublishDialog({
  nextVersion,
  disabled,
  onPublish,
}: {
  nextVersion: number;
  disabled: boolean;
  onPublish: (changeNote: string) => Promise<void>;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <>
      <Button type="button" disabled={disabled} onClick={() => dialog.current?.showModal()}>
        Publish as v{nextVersion}…
      </Button>
      <dialog ref={dialog} aria-labelledby="publish-title" className="m-auto w-full max-w-md rounded-lg p-5 shadow-xl backdrop:bg-slate-900/40">
        <form
          className="space-y-3"
          onSubmit={async (e) => {
            e.preventDefault();
            setBusy(true);
            setError(null);
            try {
              await onPublish(note);
              dialog.current?.close();
            } catch (err) {
              setError(err instanceof Error ? err.message : "Publishing failed");
            } finally {
              setBusy(false);
            }
          }}
        >
          <h2 id="publish-title" className="text-base font-semibold">
            Publish v{nextVersion}
          </h2>
          <p className="text-sm text-slate-600">A published version never changes. Queues can use it, and later edits start v{nextVersion + 1}.</p>
          <label htmlFor="change-note" className="block text-sm font-medium">
            Change note
          </label>
          <textarea
            id="change-note"
            required
            rows={3}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            className="w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm"
          />
          {error ? (
            <p role="alert" className="text-sm text-red-700">
              {error}
            </p>
          ) : null}
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => dialog.current?.close()}>
              Cancel
            </Button>
            <Button type="submit" disabled={busy || note.trim() === ""}>
              {busy ? "Publishing…" : `Publish v${nextVersion}`}
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
