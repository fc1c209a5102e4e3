"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { api } from "@/components/ui/api";
import { refusalText } from "./messages";
import type { THistoryEntry, TItemView, TLease } from "./types";

// The rater's walk through a queue: the item on screen, the next one claimed and loaded in
// the background (so submit shows it at once), and a way back through their own submitted
// items. Claims are the server's: a reload resumes the leases the rater already holds.

export type TSessionState = { kind: "loading" } | { kind: "ready" } | { kind: "empty" } | { kind: "error"; message: string };

export function useQueueSession(base: string) {
  const [current, setCurrent] = useState<TItemView | null>(null);
  const [state, setState] = useState<TSessionState>({ kind: "loading" });
  const [review, setReview] = useState<{ entries: THistoryEntry[]; index: number; view: TItemView } | null>(null);
  const [done, setDone] = useState(0);
  const [failed, setFailed] = useState<{ view: TItemView; message: string } | null>(null);
  const prefetch = useRef<Promise<TItemView | null> | null>(null);
  // Items whose submit is still in flight: still leased to the rater, so a claim would resume them.
  const leaving = useRef(new Set<string>());

  const claimView = useCallback(
    async (exclude: string[]): Promise<TItemView | null> => {
      const { item } = await api<{ item: TLease | null }>(`${base}/claim`, { body: { exclude } });
      return item ? api<TItemView>(`${base}/items/${item.itemId}`) : null;
    },
    [base],
  );
  const show = useCallback(
    (view: TItemView | null) => {
      setCurrent(view);
      setState(view ? { kind: "ready" } : { kind: "empty" });
      prefetch.current = view ? claimView([view.item.id, ...leaving.current].slice(0, 5)).catch(() => null) : null;
    },
    [claimView],
  );

  useEffect(() => {
    claimView([])
      .then(show)
      .catch((e: Error) => setState({ kind: "error", message: e.message }));
  }, [claimView, show]);

  /**
   * The item on screen was submitted or skipped: show the prefetched one, or claim afresh. A
   * submit still in flight is watched; if the server refuses it, the rater is offered the way
   * back to that item, whose answers are still in its draft.
   */
  const advance = useCallback(
    async (pending: Promise<void> | null) => {
      const left = current;
      if (left && pending) leaving.current.add(left.item.id);
      pending
        ?.then(() => setDone((n) => n + 1))
        .catch((e: unknown) => left && setFailed({ view: left, message: refusalText(e) }))
        .finally(() => left && leaving.current.delete(left.item.id));
      if (!pending) setDone((n) => n + 1);
      // The item just left may still be leased while its submit is in flight: never take it back.
      let next = await prefetch.current;
      if (!next) {
        // No prefetched item (none left, or the rater held too many leases): claim again once
        // the submit has settled, so its lease no longer counts.
        await pending?.catch(() => undefined);
        next = await claimView([...leaving.current].slice(0, 5)).catch(() => null);
      }
      show(next);
    },
    [claimView, show, current],
  );

  /**
   * Back to the item whose submit failed, read afresh so the draft the server kept comes with
   * it (the device's copy may be gone); the one on screen becomes the next again.
   */
  const returnToFailed = useCallback(async () => {
    if (!failed) return;
    const onScreen = current;
    setFailed(null);
    const view = await api<TItemView>(`${base}/items/${failed.view.item.id}`).catch(() => failed.view);
    setCurrent(view);
    setState({ kind: "ready" });
    prefetch.current = Promise.resolve(onScreen);
  }, [base, failed, current]);

  const step = useCallback(
    async (delta: 1 | -1) => {
      const entries = review?.entries ?? (await api<{ items: THistoryEntry[] }>(`${base}/history?limit=100`)).items.filter((e) => e.status === "SUBMITTED");
      const index = (review?.index ?? -1) + delta;
      if (index < 0) return setReview(null);
      if (index >= entries.length) return;
      const view = await api<TItemView>(`${base}/items/${entries[index].itemId}`);
      setReview({ entries, index, view });
    },
    [base, review],
  );

  return { current, state, review, done, failed, advance, returnToFailed, back: () => void step(1), forward: () => void step(-1) };
}
