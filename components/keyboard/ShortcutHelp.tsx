"use client";

import { forwardRef } from "react";
import type { Shortcut } from "./useShortcuts";

const SHOWN: Record<string, string> = { ArrowDown: "↓", ArrowUp: "↑", Enter: "Enter", Escape: "Esc" };

/** The `?` cheat sheet: a native dialog (Escape closes it) listing the active shortcuts. */
export const ShortcutHelp = forwardRef<HTMLDialogElement, { shortcuts: Pick<Shortcut, "keys" | "label" | "mod">[] }>(function ShortcutHelp({ shortcuts }, ref) {
  return (
    <dialog ref={ref} aria-labelledby="shortcut-help-title" className="m-auto w-full max-w-md rounded-lg p-5 shadow-xl backdrop:bg-slate-900/40">
      <h2 id="shortcut-help-title" className="text-base font-semibold">
        Keyboard shortcuts
      </h2>
      <p className="mt-1 text-sm text-slate-600">Shortcuts pause while you type in a field. Press Esc to leave a field.</p>
      <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
        {shortcuts.map((s) => (
          <div key={s.label} className="contents">
            <dt className="whitespace-nowrap">
              {s.mod ? <kbd className="mr-1 rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs">Ctrl/⌘</kbd> : null}
              {s.keys.map((k) => (
                <kbd key={k} className="mr-1 rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs">
                  {SHOWN[k] ?? k}
                </kbd>
              ))}
            </dt>
            <dd className="text-slate-700">{s.label}</dd>
          </div>
        ))}
      </dl>
      {/* No <form method="dialog">: the sheet lives inside the labeling form, and a nested form
          is dropped by the HTML parser, so the server's markup would not hydrate. */}
      <div className="mt-4 flex justify-end">
        <button
          type="button"
          onClick={(e) => e.currentTarget.closest("dialog")?.close()}
          className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50"
        >
          Close
        </button>
      </div>
    </dialog>
  );
});
