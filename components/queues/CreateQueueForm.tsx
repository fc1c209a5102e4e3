"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { api, errorText } from "@/components/ui/api";
import { OrderingFields, orderingFrom } from "./OrderingFields";

interface Props {
  slug: string;
  rubricVersions: { id: string; label: string }[];
  members: { userId: string; name: string; email: string; role: string }[];
}

const input = "w-full rounded-md border border-slate-300 px-3 py-2 text-sm";

/** A new queue: the server's schema (ZQueueCreate) is the validation; its field errors show here. */
export function CreateQueueForm({ slug, rubricVersions, members }: Props) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(form: FormData) {
    setBusy(true);
    setError(null);
    try {
      const queue = await api<{ id: string }>(`/api/projects/${slug}/queues`, {
        body: {
          name: form.get("name"),
          instructions: form.get("instructions"),
          rubricVersionId: form.get("rubricVersionId"),
          mode: form.get("mode"),
          overlap: Number(form.get("overlap")),
          blind: form.get("blind") === "on",
          ordering: orderingFrom(form),
          memberUserIds: form.getAll("members"),
        },
      });
      router.push(`/p/${slug}/queues/${queue.id}`);
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
    }
  }

  return (
    <form action={submit} className="max-w-2xl space-y-4">
      <label className="block text-sm font-medium">
        Name
        <input name="name" required maxLength={200} className={input} />
      </label>
      <label className="block text-sm font-medium">
        Instructions for raters
        <textarea name="instructions" rows={3} className={input} />
      </label>
      <label className="block text-sm font-medium">
        Rubric version (published)
        <select name="rubricVersionId" required className={input}>
          {rubricVersions.map((v) => (
            <option key={v.id} value={v.id}>
              {v.label}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="flex gap-6 text-sm">
        <legend className="font-medium">Mode</legend>
        <label>
          <input type="radio" name="mode" value="SINGLE" defaultChecked /> Single response
        </label>
        <label>
          <input type="radio" name="mode" value="PAIRWISE" /> Pairwise (A vs B)
        </label>
      </fieldset>
      <div className="flex flex-wrap items-end gap-6">
        <label className="block text-sm font-medium">
          Raters per item (N)
          <input name="overlap" type="number" min={1} max={50} defaultValue={1} className={`${input} w-24`} />
        </label>
        <label className="text-sm">
          <input type="checkbox" name="blind" /> Blind: raters see others&apos; labels only after their own
        </label>
      </div>
      <OrderingFields />
      <fieldset className="text-sm">
        <legend className="font-medium">Raters</legend>
        <div className="mt-1 grid gap-1 sm:grid-cols-2">
          {members.map((m) => (
            <label key={m.userId}>
              <input type="checkbox" name="members" value={m.userId} defaultChecked={m.role === "EXPERT"} /> {m.name}{" "}
              <span className="text-slate-500">({m.role.toLowerCase()})</span>
            </label>
          ))}
        </div>
      </fieldset>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Button type="submit" disabled={busy || rubricVersions.length === 0}>
        Create queue
      </Button>
      {rubricVersions.length === 0 ? <p className="text-sm text-slate-500">Publish a rubric version first: a queue pins one.</p> : null}
    </form>
  );
}
