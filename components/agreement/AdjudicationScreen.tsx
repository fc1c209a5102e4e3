"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import { ZAdjudicate } from "@/lib/gold/schemas";
import { useShortcuts } from "@/components/keyboard/useShortcuts";
import { PairwiseView } from "@/components/queues/PairwiseView";
import { TracePane } from "@/components/queues/TracePane";
import type { TItemView } from "@/components/queues/types";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { ApiError, api } from "@/components/ui/api";
import { AdjudicationReason } from "./AdjudicationReason";
import { enteredValue, matchesARater } from "./enteredValue";
import { GoldHistory } from "./GoldHistory";
import { SideBySideLabels } from "./SideBySideLabels";
import type { TDisputedItem } from "./types";

type TForm = z.input<typeof ZAdjudicate>;

interface Props {
  url: string;
  criterion: { key: string; label: string; type: string; question?: string };
  unit: TDisputedItem;
  view: Pick<TItemView, "trace" | "sides">;
  nextHref: string | null;
  listHref: string;
  /** Why the caller cannot settle this item, if they cannot. */
  refusal: string | null;
}

function refusalOf(e: unknown): string {
  if (e instanceof ApiError && e.code === "adjudicator_labelled") return "You labelled this item yourself, so another adjudicator settles it.";
  if (e instanceof ApiError && e.status === 403) return "Only the queue's adjudicators settle its items.";
  return e instanceof Error ? e.message : "Something went wrong";
}

/** One disputed item in the labeling screen's layout: what was judged on the left, the raters' labels and the decision on the right. */
export function AdjudicationScreen({ url, criterion, unit, view, nextHref, listHref, refusal }: Props) {
  const router = useRouter();
  const [asking, setAsking] = useState(false);
  const [other, setOther] = useState("");
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(refusal ? { tone: "error", text: refusal } : null);
  const form = useForm<TForm>({
    resolver: zodResolver(ZAdjudicate),
    defaultValues: { itemId: unit.itemId, criterion: criterion.key, ...(unit.side ? { side: unit.side } : {}) },
  });
  const labelId = useWatch({ control: form.control, name: "labelId" }) ?? null;
  const reason = useWatch({ control: form.control, name: "reason" });
  const typed = enteredValue(criterion.type, other);
  const needsReason =
    labelId === null &&
    typed !== undefined &&
    !matchesARater(
      typed,
      unit.labels.map((l) => l.value),
    );

  const pick = (n: number) => {
    const label = unit.labels[n - 1];
    if (!label) return;
    setOther("");
    form.setValue("labelId", label.labelId);
    form.setValue("value", undefined);
  };
  const save = form.handleSubmit(
    async (values) => {
      if (needsReason && !values.reason?.trim()) {
        form.setError("reason", { message: "A reason is required when the value matches no rater's." });
        setAsking(true);
        return;
      }
      try {
        await api(url, { body: { ...values, reason: values.reason?.trim() || undefined } });
        setMessage({ tone: "success", text: "Settled." });
        router.push(nextHref ?? listHref);
        router.refresh();
      } catch (e) {
        if (e instanceof ApiError && e.fieldErrors.some((f) => f.path === "reason")) {
          form.setError("reason", { message: e.message });
          setAsking(true);
          return;
        }
        setMessage({ tone: "error", text: refusalOf(e) });
      }
    },
    (errors) => setMessage({ tone: "error", text: errors.labelId?.message ?? "Pick a rater's value (1–9) or enter another." }),
  );

  useShortcuts(
    [
      { keys: ["1", "2", "3", "4", "5", "6", "7", "8", "9"], label: "Pick that rater's value", run: (e) => pick(Number(e.key)) },
      { keys: ["Enter"], label: "Write the reason", run: () => setAsking(true) },
      { keys: ["s"], label: "Save and open the next disagreement", run: () => void save() },
    ],
    refusal === null,
  );

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]" data-testid="adjudication" data-item-id={unit.itemId}>
      <div className="space-y-4">
        {view.sides ? <PairwiseView sides={view.sides} /> : view.trace ? <TracePane trace={view.trace} /> : null}
        {unit.comments.length > 0 ? (
          <section className="space-y-1 text-sm">
            <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Comments</h3>
            {unit.comments.map((c) => (
              <p key={c.id}>
                <span className="font-medium">{c.authorName}:</span> {c.body}
              </p>
            ))}
          </section>
        ) : null}
      </div>
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <h2 className="font-semibold">
          {criterion.label}
          {unit.side ? ` · side ${unit.side}` : ""} <span className="text-sm font-normal text-slate-500">disagreement {unit.disagreement.toFixed(2)}</span>
        </h2>
        {criterion.question ? <p className="text-sm text-slate-600">{criterion.question}</p> : null}
        <SideBySideLabels unit={unit} picked={labelId} />
        <label className="block text-sm">
          Or another value
          <input
            type="text"
            value={other}
            data-testid="adjudication-other"
            onKeyDown={(e) => {
              if (e.key !== "Enter") return;
              e.preventDefault();
              setAsking(true);
            }}
            onChange={(e) => {
              setOther(e.target.value);
              const v = enteredValue(criterion.type, e.target.value);
              form.setValue("labelId", undefined);
              form.setValue("value", v as TForm["value"]);
            }}
            className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5"
          />
        </label>
        <p className="text-xs text-slate-500">Keys: 1–{Math.min(9, unit.labels.length)} pick a rater&apos;s value · Enter reason · s save and next</p>
        {reason ? <p className="text-sm">Reason: “{reason}”</p> : null}
        {message ? (
          <Alert tone={message.tone}>
            <span data-testid="adjudication-message">{message.text}</span>
          </Alert>
        ) : null}
        <div className="flex gap-2">
          <Button type="submit" disabled={refusal !== null || form.formState.isSubmitting}>
            Save and next (s)
          </Button>
          <Button type="button" variant="secondary" onClick={() => setAsking(true)}>
            Reason (Enter)
          </Button>
        </div>
        <section className="space-y-1">
          <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Settled value</h3>
          <GoldHistory gold={unit.gold} />
        </section>
      </form>
      <AdjudicationReason
        open={asking}
        required={needsReason}
        error={form.formState.errors.reason?.message}
        field={form.register("reason")}
        onDone={() => setAsking(false)}
      />
    </div>
  );
}
