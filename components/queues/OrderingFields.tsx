"use client";

import { useState } from "react";
import type { TOrdering } from "@/lib/queues/schemas";

const input = "w-full rounded-md border border-slate-300 px-3 py-2 text-sm";

/** The order rule as form fields (`ordering`, `seed`, `scoreName`, `direction`); read back with `orderingFrom`. */
export function OrderingFields({ initial = { kind: "oldest" } }: { initial?: TOrdering }) {
  const [kind, setKind] = useState<TOrdering["kind"]>(initial.kind);
  return (
    <div className="flex flex-wrap items-end gap-4">
      <label className="block text-sm font-medium">
        Order
        <select name="ordering" value={kind} onChange={(e) => setKind(e.target.value as TOrdering["kind"])} className={input}>
          <option value="oldest">Oldest first</option>
          <option value="random">Random (seeded)</option>
          <option value="score">By a score</option>
        </select>
      </label>
      {kind === "random" ? (
        <input name="seed" type="number" min={0} defaultValue={initial.kind === "random" ? initial.seed : 1} aria-label="Seed" className={`${input} w-28`} />
      ) : null}
      {kind === "score" ? (
        <>
          <input
            name="scoreName"
            required
            aria-label="Score name"
            placeholder="thumbs"
            defaultValue={initial.kind === "score" ? initial.name : ""}
            className={`${input} w-40`}
          />
          <select name="direction" aria-label="Direction" defaultValue={initial.kind === "score" ? initial.direction : "asc"} className={`${input} w-auto`}>
            <option value="asc">Lowest first</option>
            <option value="desc">Highest first</option>
          </select>
        </>
      ) : null}
    </div>
  );
}

/** The order rule the fields describe; the server's schema checks it. */
export function orderingFrom(form: FormData): TOrdering {
  const kind = String(form.get("ordering"));
  if (kind === "random") return { kind, seed: Number(form.get("seed") || 0) };
  if (kind === "score") return { kind, name: String(form.get("scoreName") ?? ""), direction: form.get("direction") === "desc" ? "desc" : "asc" };
  return { kind: "oldest" };
}
