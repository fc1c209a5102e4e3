"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Field } from "@/components/ui/Field";
import { api, errorText } from "@/components/ui/api";

/** The minimum of comparable items under which a judge's figures read "insufficient data". */
export function JudgeMinItemsForm({ url, current }: { url: string; current: number }) {
  const router = useRouter();
  const [value, setValue] = useState(String(current));
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      const after = await api<{ judgeMinItems: number }>(url, { method: "PATCH", body: { judgeMinItems: Number(value) } });
      setMessage({ tone: "success", text: `Saved: judges need ${after.judgeMinItems} comparable items.` });
      router.refresh();
    } catch (error) {
      setMessage({ tone: "error", text: errorText(error) });
    }
  };
  return (
    <form className="max-w-md space-y-3" onSubmit={save} data-testid="judge-min-items-form">
      <p className="text-sm text-slate-600">
        Under this many items with both a judge result and a human reference, a judge&apos;s figures show “insufficient data”.
      </p>
      <Field
        label="Minimum comparable items"
        id="judge-min-items"
        type="number"
        min="2"
        max="100000"
        step="1"
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <Button type="submit">Save minimum</Button>
    </form>
  );
}
