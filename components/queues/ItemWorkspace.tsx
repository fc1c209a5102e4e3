"use client";

import { useMemo, useRef, useState } from "react";
import { chatMessages } from "@/lib/traces/view";
import type { Shortcut } from "@/components/keyboard/useShortcuts";
import { LabelingForm } from "@/components/rubric/LabelingForm";
import { Alert } from "@/components/ui/Alert";
import { ApiError, api } from "@/components/ui/api";
import { type TAnswers, formCriteria, labelsToAnswers, submitValues, swapSides } from "./answers";
import { CommentsPanel } from "./CommentsPanel";
import { GuidelinesDialog } from "./GuidelinesDialog";
import { ItemToolbar } from "./ItemToolbar";
import { OthersLabels } from "./OthersLabels";
import { refusalText } from "./messages";
import { PairwiseView } from "./PairwiseView";
import { ReasonDialog } from "./ReasonDialog";
import { TracePane } from "./TracePane";
import type { TItemView, TTraceView } from "./types";
import { useDraft } from "./useDraft";

export type TDone = "submitted" | "skipped" | "revised";

/** A submit still on its way: the screen moves on at once and comes back here if it fails. */
export type TPending = Promise<void> | null;

interface Props {
  base: string;
  userId: string;
  view: TItemView;
  onDone: (kind: TDone, pending: TPending) => void;
  /** Stepping through the rater's history, listed in the same cheat sheet. */
  navShortcuts: Shortcut[];
  onBack: () => void;
}

const REASON_ACTIONS = {
  skip: { title: "Skip this item?", confirmLabel: "Skip" },
  flag: { title: "Flag this item for the engineers?", confirmLabel: "Flag" },
} as const;

function responseText(trace: TTraceView | undefined): string | undefined {
  if (!trace) return undefined;
  if (typeof trace.output === "string") return trace.output;
  return chatMessages(trace.output)?.findLast((m) => m.role === "assistant")?.content;
}

/** One item in front of the rater: what to judge, the rubric form, and every action on it. */
export function ItemWorkspace({ base, userId, view, onDone, navShortcuts, onBack }: Props) {
  const itemUrl = `${base}/items/${view.item.id}`;
  const reviewing = view.mine?.status === "SUBMITTED";
  const leftSide = view.mine?.leftSide ?? null;
  const rubric = view.rubricVersion.criteria;
  const criteria = useMemo(() => formCriteria(rubric, view.queue.mode), [rubric, view.queue.mode]);
  const initial = useMemo<TAnswers>(() => {
    if (reviewing) return swapSides(labelsToAnswers(view.mine?.labels ?? []), leftSide, rubric);
    // A correction starts from the response it corrects.
    const prefill: TAnswers = {};
    for (const c of criteria.filter((c) => c.type === "CORRECTION")) {
      const side = c.key.split(":")[1];
      const trace = side ? (side === "A" ? view.sides?.left.trace : view.sides?.right.trace) : (view.trace ?? undefined);
      const text = responseText(trace);
      if (text) prefill[c.key] = text;
    }
    return prefill;
  }, [reviewing, view, leftSide, rubric, criteria]);
  const draft = useDraft({
    storageKey: `assay:draft:${userId}:${view.item.id}${reviewing ? ":revise" : ""}`,
    draftUrl: reviewing ? null : `${itemUrl}/draft`,
    serverDraft: reviewing ? null : view.mine?.draft,
    initialAnswers: initial,
  });
  const [flagged, setFlagged] = useState(Boolean(view.mine?.flaggedAt));
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState<"skip" | "flag" | null>(null);
  const [message, setMessage] = useState<{ tone: "error" | "warning" | "success"; text: string } | null>(null);
  const guidelines = useRef<HTMLDialogElement>(null);
  const comment = useRef<HTMLTextAreaElement>(null);
  const formId = `label-form-${view.item.id}`;

  const run = async (action: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    try {
      await action();
    } catch (e) {
      const error = e as ApiError;
      const tone = error instanceof ApiError && error.status === 409 ? "warning" : "error";
      setMessage({ tone, text: error.code === "overlap_reached" ? refusalText(error) : error.message });
    } finally {
      setBusy(false);
    }
  };
  const submit = (answers: TAnswers) =>
    run(async () => {
      const values = swapSides(submitValues(answers), leftSide, rubric);
      if (reviewing) {
        await api(`${itemUrl}/labels`, { method: "PATCH", body: { values } });
        setMessage({ tone: "success", text: "Labels revised." });
        onDone("revised", null);
        return;
      }
      // The next item is already loaded: show it now and let the submit finish behind it. The
      // device's draft is dropped only once the server has the labels.
      const pending = api(`${itemUrl}/submit`, { body: { submissionId: draft.submissionId, values, draft: draft.withAnswers(answers) } }).then(() =>
        draft.clear(),
      );
      onDone("submitted", pending);
    });
  const skip = (reason: string) =>
    run(async () => {
      await api(`${itemUrl}/skip`, { body: reason ? { reason } : {} });
      draft.clear();
      onDone("skipped", null);
    });
  const flag = (reason: string) =>
    run(async () => {
      await api(`${itemUrl}/flag`, { body: reason ? { flagged: true, reason } : { flagged: true } });
      setFlagged(true);
      setMessage({ tone: "success", text: reason ? `Flagged for the engineers: ${reason}` : "Flagged for the engineers." });
    });
  const unflag = () =>
    run(async () => {
      await api(`${itemUrl}/flag`, { body: { flagged: false } });
      setFlagged(false);
      setMessage(null);
    });
  // Skipping and flagging ask for an optional reason first; unflagging needs none.
  const askSkip = () => setAsking("skip");
  const toggleFlag = () => (flagged ? void unflag() : setAsking("flag"));
  const confirmReason = (reason: string) => {
    const action = asking;
    setAsking(null);
    if (action === "skip") void skip(reason);
    if (action === "flag") void flag(reason);
  };
  const requestSubmit = () => (document.getElementById(formId) as HTMLFormElement | null)?.requestSubmit();

  const shortcuts: Shortcut[] = [
    { keys: ["s"], label: reviewing ? "Save the revised labels" : "Submit and open the next item", run: requestSubmit },
    { keys: ["Enter"], mod: true, label: "Submit, also while writing in a field", run: requestSubmit },
    ...(reviewing ? [] : [{ keys: ["x"], label: "Skip this item (asks for an optional reason)", run: askSkip }]),
    { keys: ["f"], label: "Flag or unflag this item for the engineers (asks for an optional reason)", run: toggleFlag },
    { keys: ["c"], label: "Write a comment", run: () => comment.current?.focus() },
    { keys: ["g"], label: "Guidelines and level descriptions", run: () => guidelines.current?.showModal() },
    ...navShortcuts,
  ];

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]" data-item-id={view.item.id} data-testid="labeling-item">
      <div className="space-y-4">
        {reviewing ? <Alert tone="info">You submitted this item. Change answers and press s to save a revision.</Alert> : null}
        {view.sides ? <PairwiseView sides={view.sides} /> : view.trace ? <TracePane trace={view.trace} /> : null}
        <OthersLabels others={view.others} />
        <CommentsPanel ref={comment} url={`${itemUrl}/comments`} comments={view.comments} hiddenUntilSubmit={view.queue.blind && view.others.hidden} />
      </div>
      <div className="space-y-3">
        <ItemToolbar
          saveState={draft.saveState}
          flagged={flagged}
          reviewing={reviewing}
          busy={busy}
          onSkip={askSkip}
          onFlag={toggleFlag}
          onComment={() => comment.current?.focus()}
          onBack={onBack}
        />
        {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
        <LabelingForm
          key={view.item.id}
          formId={formId}
          criteria={criteria}
          idPrefix={`q-${view.item.id.slice(0, 8)}`}
          answers={draft.answers}
          onAnswersChange={draft.update}
          onSubmit={submit}
          submitLabel={reviewing ? "Save revision (s)" : "Submit and next (s)"}
          extraShortcuts={shortcuts}
          autoFocus
        />
      </div>
      <ReasonDialog action={asking ? REASON_ACTIONS[asking] : null} onConfirm={confirmReason} onCancel={() => setAsking(null)} />
      <GuidelinesDialog ref={guidelines} instructions={view.queue.instructions} guidelines={view.rubricVersion.guidelines ?? ""} criteria={rubric} />
    </div>
  );
}
