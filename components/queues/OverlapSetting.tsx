"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { Alert } from "../ui/Alert";
import { Button } from "../ui/Button";
import { api } from "../ui/api";

/** Changes N after a confirmation: it opens or closes rater slots on every item. */
export function OverlapSetting({ base, overlap }: { base: string; overlap: number }) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [value, setValue] = useState(overlap);
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    try {
      await api(base, { method: "PATCH", body: { overlap: value } });
      dialog.current?.close();
      router.refresh();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <div className="flex items-end gap-2">
      <label className="text-sm font-medium">
        Raters per item (N)
        <input type="number" min={1} max={50} value={value} onChange={(e) => setValue(Number(e.target.value))} className="ml-2 w-20 rounded-md border border-slate-300 px-2 py-1" />
      </label>
      <Button type="button" variant="secondary" disabled={value === overlap} onClick={() => dialog.current?.showModal()}>
        Change N
      </Button>
      <dialog ref={dialog} aria-labelledby="overlap-title" className="m-auto w-full max-w-md rounded-lg p-5 shadow-xl backdrop:bg-slate-900/40">
        <h2 id="overlap-title" className="font-semibold">
          Change N from {overlap} to {value}?
        </h2>
        <p className="mt-2 text-sm text-slate-600">
          {value > overlap ? "Completed items reopen until each has its new number of labels." : "Items that already have enough labels close; extra labels already given are kept."}
        </p>
        {error ? <Alert tone="error">{error}</Alert> : null}
        <div className="mt-4 flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={() => dialog.current?.close()}>
            Cancel
          </Button>
          <Button type="button" onClick={() => void save()}>
            Change N
          </Button>
        </div>
      </dialog>
    </div>
  );
}
