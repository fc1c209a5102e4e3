"use client";

import { useEffect, useEffectEvent } from "react";

// The one keyboard-shortcut helper. Keys are ignored while the user types in a field, while
// a dialog is open, and when a modifier (Ctrl, Alt, Meta) is held unless the shortcut asks for
// Ctrl/Cmd, so shortcuts never swallow text or browser commands. Radios and checkboxes are not typing: digits still work.

export interface Shortcut {
  /** `KeyboardEvent.key` values, e.g. "j", "?", "1". */
  keys: string[];
  /** Shown in the cheat sheet. */
  label: string;
  run: (event: KeyboardEvent) => void;
  /**
   * Held with Ctrl or Cmd, e.g. Ctrl/Cmd+Enter to submit. Such a shortcut also works while the
   * user types in a field: the modifier says the key is a command, not text.
   */
  mod?: boolean;
}

const TEXT_INPUTS = new Set(["text", "search", "email", "url", "tel", "password", "number", "date", "datetime-local", "month", "time", "week"]);

export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && TEXT_INPUTS.has(target.type);
}

export function dialogOpen(): boolean {
  return document.querySelector("dialog[open], [role=dialog][aria-modal=true]") !== null;
}

export function useShortcuts(shortcuts: Shortcut[], enabled = true): void {
  // The latest list is read at key time, so callers may pass a new array on every render.
  const onKey = useEffectEvent((event: KeyboardEvent) => {
    if (event.defaultPrevented || event.altKey) return;
    const mod = event.ctrlKey || event.metaKey;
    if (dialogOpen() || (!mod && isTyping(event.target))) return;
    const match = shortcuts.find((s) => Boolean(s.mod) === mod && s.keys.includes(event.key));
    if (!match) return;
    event.preventDefault();
    match.run(event);
  });
  useEffect(() => {
    if (!enabled) return;
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [enabled]);
}
