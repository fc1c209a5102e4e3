"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmButton } from "@/components/ui/ConfirmButton";
import { api } from "@/components/ui/api";

/** Changes N after a confirmation: it opens or closes rater slots on every item. */
export function OverlapSetting({ base, overlap }: { base: string; overlap: number }) {
  const router = useRouter();
  const [value, setValue] = useState(overlap);
  return (
    <div className="flex items-end gap-2">
      <label className="text-sm font-medium">
        Raters per item (N)
        <input
          type="number"
          min={1}
          max={50}
          value={value}
          onChange={(e) => setValue(Number(e.target.value))}
          className="ml-2 w-20 rounded-md border border-slate-300 px-2 py-1"
        />
      </label>
      <ConfirmButton
        variant="secondary"
        label="Change N"
        disabled={value === overlap}
        title={`Change N from ${overlap} to ${value}?`}
        body={
          value > overlap
            ? "Completed items reopen until each has its new number of labels."
            : "Items that already have enough labels close; extra labels already given are kept."
        }
        confirmLabel="Change N"
        onConfirm={async () => {
          await api(base, { method: "PATCH", body: { overlap: value } });
          router.refresh();
        }}
      />
    </div>
  );
}
