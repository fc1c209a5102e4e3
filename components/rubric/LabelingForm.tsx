"use client";

import { useEffect, useRef, useState } from "react";
import type { TCriterion } from "@/lib/rubrics/schemas";
import { validateScoreValue } from "@/lib/rubrics/score-value";
import { ShortcutHelp } from "@/components/keyboard/ShortcutHelp";
import { type Shortcut, useShortcuts } from "@/components/keyboard/useShortcuts";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { answerChoices, applyChoice } from "./answer-keys";
import { CriterionInput } from "./CriterionInput";

export type TAnswers = Record<string, unknown>;

/** Per criterion: a message when the answer is missing or wrong. */
export function checkAnswers(criteria: TCriterion[], answers: TAnswers): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const c of criteria) {
    const value = answers[c.key];
    if (value === undefined || (Array.isArray(value) && value.length === 0 && c.type !== "MULTI")) {
      if (c.required) errors[c.key] = "Answer this criterion";
      continue;
    }
    const check = validateScoreValue(c, value);
    if (!check.ok) errors[c.key] = check.message;
  }
  return errors;
}

interface Props {
  criteria: TCriterion[];
  idPrefix: string;
  onSubmit: (answers: TAnswers) => void;
  submitLabel?: string;
  /** Given with onAnswersChange, the answers live with the caller (a labeling screen keeps drafts). */
  answers?: TAnswers;
  onAnswersChange?: (answers: TAnswers) => void;
  /** The caller's own shortcuts, listed in the same cheat sheet. */
  extraShortcuts?: Shortcut[];
  /** Focus the first criterion on mount, so digits work at once. */
  autoFocus?: boolean;
  formId?: string;
}

/**
 * The criteria of one rubric version as an expert answers them, keyboard first: j/k move
 * between criteria, digits answer the focused one, `?` lists every shortcut.
 */
export function LabelingForm({
  criteria,
  idPrefix,
  onSubmit,
  submitLabel = "Submit",
  answers: given,
  onAnswersChange,
  extraShortcuts = [],
  autoFocus = false,
  formId,
}: Props) {
  const [own, setOwn] = useState<TAnswers>({});
  const answers = given ?? own;
  const latest = useRef(answers);
  latest.current = answers;
  const [focused, setFocused] = useState(0);
  const [tens, setTens] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const boxes = useRef<(HTMLElement | null)[]>([]);
  const help = useRef<HTMLDialogElement>(null);
  const current = criteria[focused];
  const choices = current ? answerChoices(current) : [];

  const setAnswer = (key: string, value: unknown) => {
    const next = { ...latest.current, [key]: value };
    if (value === undefined) delete next[key];
    latest.current = next;
    if (onAnswersChange) onAnswersChange(next);
    else setOwn(next);
  };
  useEffect(() => {
    if (autoFocus) boxes.current[0]?.focus();
  }, [autoFocus]);
  const focusCriterion = (i: number) => {
    const next = Math.max(0, Math.min(criteria.length - 1, i));
    setFocused(next);
    setTens(false);
    boxes.current[next]?.focus();
  };
  const choose = (index: number) => {
    setTens(false);
    if (current && index < choices.length) setAnswer(current.key, applyChoice(current, answers[current.key], index));
  };

  const shortcuts: Shortcut[] = [
    { keys: ["j"], label: "Next criterion", run: () => focusCriterion(focused + 1) },
    { keys: ["k"], label: "Previous criterion", run: () => focusCriterion(focused - 1) },
    {
      keys: ["1", "2", "3", "4", "5", "6", "7", "8", "9"],
      label: "Choose that answer of the focused criterion (toggle for several choices)",
      run: (e) => choose((tens ? 9 : -1) + Number(e.key)),
    },
    { keys: ["0"], label: "Then a digit: choices 11–19 (0 0 is choice 10)", run: () => (tens ? choose(9) : choices.length > 9 && setTens(true)) },
    {
      keys: ["Enter"],
      label: "Write in the focused text or number field (Esc leaves it)",
      run: () => boxes.current[focused]?.querySelector<HTMLElement>("[data-answer-field]")?.focus(),
    },
    ...extraShortcuts,
    { keys: ["?"], label: "Show this list", run: () => help.current?.showModal() },
  ];
  // Enter is only taken over where it means "start writing"; elsewhere it keeps its native role.
  useShortcuts(choices.length === 0 ? shortcuts : shortcuts.filter((s) => s.mod || !s.keys.includes("Enter")));

  return (
    <form
      id={formId}
      className="space-y-4"
      onKeyDown={(e) => {
        if (e.key === "Escape" && (e.target as HTMLElement).matches("[data-answer-field]")) {
          e.preventDefault();
          boxes.current[focused]?.focus();
        }
      }}
      onSubmit={(e) => {
        e.preventDefault();
        const found = checkAnswers(criteria, answers);
        setErrors(found);
        if (Object.keys(found).length === 0) onSubmit(answers);
      }}
    >
      <p className="text-xs text-slate-500">
        Press <kbd className="rounded border px-1">?</kbd> for keyboard shortcuts.{tens ? " Next digit picks choices 11–19." : ""}
      </p>
      {criteria.map((c, i) => (
        <section
          key={c.key}
          ref={(el) => {
            boxes.current[i] = el;
          }}
          tabIndex={-1}
          aria-labelledby={`${idPrefix}-${c.key}-label`}
          data-criterion={c.key}
          data-focused={i === focused ? "true" : undefined}
          onFocusCapture={() => setFocused(i)}
          className={`rounded-lg border p-4 outline-none ${i === focused ? "border-indigo-500 ring-2 ring-indigo-300" : "border-slate-200"}`}
        >
          <h3 id={`${idPrefix}-${c.key}-label`} className="font-medium">
            {c.label}
            {c.required ? (
              <span className="ml-1 text-red-700" aria-label="required">
                *
              </span>
            ) : null}
          </h3>
          {c.question ? <p className="text-sm text-slate-700">{c.question}</p> : null}
          {c.guidance ? <p className="mb-2 text-xs text-slate-500">{c.guidance}</p> : null}
          <div className="mt-2">
            <CriterionInput criterion={c} value={answers[c.key]} onChange={(v) => setAnswer(c.key, v)} idPrefix={idPrefix} />
          </div>
          {errors[c.key] ? (
            <p className="mt-1 text-sm text-red-700" role="alert">
              {errors[c.key]}
            </p>
          ) : null}
        </section>
      ))}
      {Object.keys(errors).length > 0 ? <Alert tone="error">Some answers need attention.</Alert> : null}
      <Button type="submit">{submitLabel}</Button>
      <ShortcutHelp ref={help} shortcuts={shortcuts} />
    </form>
  );
}
