"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "../ui/Alert";
import { Button } from "../ui/Button";
import { ApiError, api } from "../ui/api";

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
  const [ordering, setOrdering] = useState("oldest");

  async function submit(form: FormData) {
    setBusy(true);
    setError(null);
    const kind = String(form.get("ordering"));
    try {
      const queue = await api<{ id: string }>(`/api/projects/${slug}/queues`, {
        body: {
          name: form.get("name"),
          instructions: form.get("instructions"),
          rubricVersionId: form.get("rubricVersionId"),
          mode: form.get("mode"),
          overlap: Number(form.get("overlap")),
          blind: form.get("blind") === "on",
          ordering: kind === "random" ? { kind, seed: Number(form.get("seed") || 0) } : kind === "score" ? { kind, name: form.get("scoreName"), direction: "asc" } : { kind },
          memberUserIds: form.getAll("members"),
        },
      });
      router.push(`/p/${slug}/queues/${queue.id}`);
    } catch (e) {
      const err = e as ApiError;
      setError([err.message, ...(err.fieldErrors ?? []).map((f) => `${f.path}: ${f.message}`)].join(" · "));
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
      <div className="flex flex-wrap items-end gap-4">
        <label className="block text-sm font-medium">
          Order
          <select name="ordering" value={ordering} onChange={(e) => setOrdering(e.target.value)} className={input}>
            <option value="oldest">Oldest first</option>
            <option value="random">Random (seeded)</option>
            <option value="score">By a score, lowest first</option>
          </select>
        </label>
        {ordering === "random" ? <input name="seed" type="number" min={0} defaultValue={1} aria-label="Seed" className={`${input} w-28`} /> : null}
        {ordering === "score" ? <input name="scoreName" required aria-label="Score name" placeholder="thumbs" className={`${input} w-40`} /> : null}
      </div>
      <fieldset className="text-sm">
        <legend className="font-medium">Raters</legend>
        <div className="mt-1 grid gap-1 sm:grid-cols-2">
          {members.map((m) => (
            <label key={m.userId}>
              <input type="checkbox" name="members" value={m.userId} defaultChecked={m.role === "EXPERT"} /> {m.name} <span className="text-slate-500">({m.role.toLowerCase()})</span>
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
