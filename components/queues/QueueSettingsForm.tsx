"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import type { TOrdering } from "@/lib/queues/schemas";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { api, errorText } from "@/components/ui/api";
import { OrderingFields, orderingFrom } from "./OrderingFields";

interface Settings {
  name: string;
  instructions: string;
  blind: boolean;
  ordering: TOrdering;
}

const input = "w-full rounded-md border border-slate-300 px-3 py-2 text-sm";

/** Only the fields that differ from what the queue has now, so nothing is recomputed for nothing. */
function changes(before: Settings, after: Settings): Partial<Settings> {
  const out: Partial<Settings> = {};
  if (after.name !== before.name) out.name = after.name;
  if (after.instructions !== before.instructions) out.instructions = after.instructions;
  if (after.blind !== before.blind) out.blind = after.blind;
  if (JSON.stringify(after.ordering) !== JSON.stringify(before.ordering)) out.ordering = after.ordering;
  return out;
}

/** Edits a queue after creation: name, instructions raters read, blind mode and order. */
export function QueueSettingsForm({ base, settings }: { base: string; settings: Settings }) {
  const router = useRouter();
  const [status, setStatus] = useState<{ tone: "error" | "success" | "info"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = changes(settings, {
      name: String(form.get("name") ?? ""),
      instructions: String(form.get("instructions") ?? ""),
      blind: form.get("blind") === "on",
      ordering: orderingFrom(form),
    });
    if (Object.keys(body).length === 0) return setStatus({ tone: "info", text: "Nothing changed." });
    setBusy(true);
    try {
      await api(base, { method: "PATCH", body });
      setStatus({ tone: "success", text: "Settings saved." });
      router.refresh();
    } catch (e) {
      setStatus({ tone: "error", text: errorText(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={save} className="max-w-2xl space-y-4" aria-label="Queue settings">
      <label className="block text-sm font-medium">
        Name
        <input name="name" required maxLength={200} defaultValue={settings.name} className={input} />
      </label>
      <label className="block text-sm font-medium">
        Instructions for raters
        <textarea name="instructions" rows={3} maxLength={20_000} defaultValue={settings.instructions} className={input} />
      </label>
      <label className="block text-sm">
        <input type="checkbox" name="blind" defaultChecked={settings.blind} /> Blind: raters see others&apos; labels only after their own
      </label>
      <OrderingFields initial={settings.ordering} />
      {status ? <Alert tone={status.tone}>{status.text}</Alert> : null}
      <Button type="submit" disabled={busy}>
        {busy ? "Saving…" : "Save settings"}
      </Button>
    </form>
  );
}
