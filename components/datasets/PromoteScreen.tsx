"use client";

import { useState } from "react";
import type { TPromotionPreview, TPromotionResult, TPromotionRuleInput, TPromotionSource } from "@/lib/datasets/promote-schemas";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { api, errorText } from "@/components/ui/api";
import { ConditionEditor, type TConditionDraft } from "./ConditionEditor";
import { PromotionPreview } from "./PromotionPreview";

interface Props {
  base: string;
  sources: TPromotionSource[];
  /** ADMIN: may add although the gate refuses, with a written reason. */
  canOverride: boolean;
}

const words = (text: string) => text.split(/[\s,]+/).filter(Boolean);

/** Builds a promotion rule over one queue, previews what it selects and the gate's verdict, then adds the items. */
export function PromoteScreen({ base, sources, canOverride }: Props) {
  const [queueId, setQueueId] = useState(sources[0]?.id ?? "");
  const [conditions, setConditions] = useState<TConditionDraft[]>([]);
  const [expected, setExpected] = useState("trace_output");
  const [splits, setSplits] = useState("");
  const [tags, setTags] = useState("");
  const [preview, setPreview] = useState<TPromotionPreview | null>(null);
  const [override, setOverride] = useState("");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const source = sources.find((s) => s.id === queueId);
  if (!source) return <Alert>This project has no queue to promote from.</Alert>;
  const freeText = source.criteria.filter((c) => c.type === "CORRECTION" || c.type === "TEXT");
  const selectable = source.criteria.filter((c) => c.choices !== null);

  const rule = (): TPromotionRuleInput => ({
    queueId,
    conditions: conditions.map((c) => ({
      criterion: c.criterion,
      equals: c.picked.map((i) => source.criteria.find((k) => k.key === c.criterion)!.choices![i].value),
    })),
    expectedOutput: expected === "trace_output" ? { from: "trace_output" } : { from: "criterion", criterion: expected },
    splits: words(splits),
    tags: words(tags),
  });
  const changed = (fn: () => void) => {
    fn();
    setPreview(null);
    setMessage(null);
  };

  async function run<T>(path: string, body: object, then: (answer: T) => void) {
    setBusy(true);
    setMessage(null);
    try {
      then(await api<T>(`${base}/${path}`, { body }));
    } catch (e) {
      setMessage({ tone: "error", text: errorText(e) });
    } finally {
      setBusy(false);
    }
  }

  const gateOpen = preview?.gate.passed || (canOverride && override.trim().length >= 10);
  const add = () =>
    run<TPromotionResult>("promote", { rule: rule(), ...(preview?.gate.passed ? {} : { override }) }, (r) =>
      setMessage({ tone: "success", text: `Added ${r.added} item${r.added === 1 ? "" : "s"}; ${r.duplicates} duplicates skipped, ${r.rejected} rejected.` }),
    );

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <label htmlFor="promote-queue" className="text-sm font-medium text-slate-700">
          Queue
        </label>
        <select
          id="promote-queue"
          value={queueId}
          onChange={(e) =>
            changed(() => {
              setQueueId(e.target.value);
              setConditions([]);
              setExpected("trace_output");
            })
          }
          className="rounded-md border border-slate-300 px-2 py-1.5 text-sm"
        >
          {sources.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name} {s.mode === "PAIRWISE" ? "(pairs)" : ""}
            </option>
          ))}
        </select>
      </div>
      {conditions.map((c, i) => (
        <ConditionEditor
          key={i}
          index={i}
          criteria={source.criteria}
          value={c}
          onChange={(next) => changed(() => setConditions(conditions.map((old, j) => (j === i ? next : old))))}
          onRemove={() => changed(() => setConditions(conditions.filter((_, j) => j !== i)))}
        />
      ))}
      <Button
        type="button"
        variant="secondary"
        disabled={selectable.length === 0}
        onClick={() => changed(() => setConditions([...conditions, { criterion: selectable[0].key, picked: [] }]))}
      >
        Add a condition
      </Button>
      <div className="grid gap-3 sm:grid-cols-3">
        {source.mode === "SINGLE" ? (
          <label className="text-sm text-slate-700">
            Expected output
            <select
              value={expected}
              onChange={(e) => changed(() => setExpected(e.target.value))}
              className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5"
            >
              <option value="trace_output">The trace&apos;s output</option>
              {freeText.map((c) => (
                <option key={c.key} value={c.key}>
                  {c.label}: gold, or the raters&apos; unanimous answer
                </option>
              ))}
            </select>
          </label>
        ) : (
          <p className="text-sm text-slate-600">Pairs become preference pairs: the input, the preferred and the rejected output.</p>
        )}
        <label className="text-sm text-slate-700">
          Splits
          <input
            value={splits}
            onChange={(e) => changed(() => setSplits(e.target.value))}
            placeholder="test"
            className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5"
          />
        </label>
        <label className="text-sm text-slate-700">
          Tags
          <input
            value={tags}
            onChange={(e) => changed(() => setTags(e.target.value))}
            className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5"
          />
        </label>
      </div>
      <Button type="button" disabled={busy} onClick={() => run<TPromotionPreview>("promote/preview", { rule: rule() }, setPreview)}>
        Preview
      </Button>
      {preview ? <PromotionPreview preview={preview} /> : null}
      {preview && !preview.gate.passed && canOverride ? (
        <label className="block text-sm text-slate-700">
          Override the gate (ADMIN): why these items may be added although the raters disagree
          <textarea
            value={override}
            onChange={(e) => setOverride(e.target.value)}
            rows={2}
            className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5"
          />
        </label>
      ) : null}
      {preview ? (
        <Button type="button" disabled={busy || !gateOpen || preview.counts.selected === 0} onClick={add}>
          Add {preview.counts.selected} item{preview.counts.selected === 1 ? "" : "s"}
        </Button>
      ) : null}
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
    </div>
  );
}
