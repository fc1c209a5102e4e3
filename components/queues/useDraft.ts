"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { api } from "@/components/ui/api";
import type { TAnswers } from "./answers";

// A rater's work in progress on one item. Every change is written to localStorage at once
// (survives a closed tab or a lost connection) and to the server after a short pause (survives
// a change of machine, and renews the lease). The submission id is chosen once per item and
// kept in the draft, so a submit retried after a reload is recognised as the same one.

export interface TDraftState {
  answers: TAnswers;
  submissionId: string;
  savedAt: number;
}

export type TSaveState = "idle" | "saving" | "saved" | "local" | "lease-lost";

const SAVE_DELAY_MS = 600;

function isDraft(value: unknown): value is TDraftState {
  return !!value && typeof value === "object" && typeof (value as TDraftState).submissionId === "string" && typeof (value as TDraftState).answers === "object";
}

function readLocal(key: string): TDraftState | null {
  try {
    const parsed = JSON.parse(localStorage.getItem(key) ?? "null");
    return isDraft(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

export function useDraft({
  storageKey,
  draftUrl,
  serverDraft,
  initialAnswers,
}: {
  storageKey: string;
  draftUrl: string | null;
  serverDraft: unknown;
  initialAnswers: TAnswers;
}) {
  const [state, setState] = useState<TDraftState>(() => {
    const local = typeof window === "undefined" ? null : readLocal(storageKey);
    const remote = isDraft(serverDraft) ? serverDraft : null;
    // The newer of the two wins: the device may hold changes the server never received.
    const best = local && (!remote || local.savedAt >= remote.savedAt) ? local : remote;
    return best ?? { answers: initialAnswers, submissionId: crypto.randomUUID(), savedAt: 0 };
  });
  const [saveState, setSaveState] = useState<TSaveState>("idle");
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(state);
  latest.current = state;

  const push = useCallback(async () => {
    if (!draftUrl) return;
    setSaveState("saving");
    try {
      const result = await api<{ leased: boolean }>(draftUrl, { method: "PUT", body: { draft: latest.current } });
      setSaveState(result.leased ? "saved" : "lease-lost");
    } catch {
      setSaveState("local");
    }
  }, [draftUrl]);

  useEffect(() => {
    if (draftUrl) localStorage.setItem(storageKey, JSON.stringify(latest.current));
    const online = () => void push();
    window.addEventListener("online", online);
    return () => {
      window.removeEventListener("online", online);
      if (timer.current) clearTimeout(timer.current);
    };
  }, [storageKey, draftUrl, push]);

  const update = useCallback(
    (answers: TAnswers) => {
      const next = { ...latest.current, answers, savedAt: Date.now() };
      latest.current = next;
      setState(next);
      if (!draftUrl) return;
      localStorage.setItem(storageKey, JSON.stringify(next));
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void push(), SAVE_DELAY_MS);
    },
    [draftUrl, storageKey, push],
  );

  const clear = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    localStorage.removeItem(storageKey);
  }, [storageKey]);

  /** The draft as it would be saved, with these answers: sent along with a submit, kept by the server if it refuses. */
  const withAnswers = useCallback((answers: TAnswers): TDraftState => ({ ...latest.current, answers, savedAt: Date.now() }), []);

  return { answers: state.answers, submissionId: state.submissionId, saveState, update, clear, withAnswers };
}
