"use client";

import { forwardRef } from "react";
import type { TCriterion } from "@/lib/rubrics/schemas";
import { Guidelines } from "@/components/rubric/Guidelines";

/** The rubric's guidelines and every anchored level with its exemplars, one key (g) away. */
export const GuidelinesDialog = forwardRef<HTMLDialogElement, { instructions: string; guidelines: string; criteria: TCriterion[] }>(function GuidelinesDialog(
  { instructions, guidelines, criteria },
  ref,
) {
  return (
    <dialog
      ref={ref}
      aria-labelledby="guidelines-title"
      className="m-auto max-h-[85vh] w-full max-w-2xl overflow-y-auto rounded-lg p-5 shadow-xl backdrop:bg-slate-900/40"
    >
      <h2 id="guidelines-title" className="text-base font-semibold">
        Guidelines
      </h2>
      {instructions ? <p className="mt-2 whitespace-pre-wrap text-sm text-slate-700">{instructions}</p> : null}
      <div className="mt-3">
        <Guidelines markdown={guidelines} />
      </div>
      {criteria.map((c) =>
        c.type === "SCALE" ? (
          <section key={c.key} className="mt-4">
            <h3 className="font-medium">{c.label}</h3>
            <dl className="mt-1 space-y-1 text-sm">
              {c.config.levels.map((l) => (
                <div key={l.value}>
                  <dt className="font-medium">
                    {l.value} · {l.label}
                  </dt>
                  <dd className="text-slate-700">{l.description}</dd>
                  {l.exemplars.map((ex, i) => (
                    <dd key={i} className="ml-4 mt-1 whitespace-pre-wrap rounded bg-slate-50 p-2 text-slate-600">
                      {ex.text}
                      {ex.note ? <span className="block text-slate-500">{ex.note}</span> : null}
                    </dd>
                  ))}
                </div>
              ))}
            </dl>
          </section>
        ) : null,
      )}
      <form method="dialog" className="mt-4 flex justify-end">
        <button className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50">Close</button>
      </form>
    </dialog>
  );
});
