"use client";

import type { TPromotionSource } from "@/lib/datasets/promote-schemas";

export interface TConditionDraft {
  criterion: string;
  /** Indexes into the criterion's choices. */
  picked: number[];
}

interface Props {
  index: number;
  criteria: TPromotionSource["criteria"];
  value: TConditionDraft;
  onChange: (next: TConditionDraft) => void;
  onRemove: () => void;
}

/** One condition of a promotion rule: a criterion with values, and the values that select an item. */
export function ConditionEditor({ index, criteria, value, onChange, onRemove }: Props) {
  const selectable = criteria.filter((c) => c.choices !== null);
  const choices = selectable.find((c) => c.key === value.criterion)?.choices ?? [];
  const toggle = (i: number) => onChange({ ...value, picked: value.picked.includes(i) ? value.picked.filter((p) => p !== i) : [...value.picked, i] });
  return (
    <div className="flex flex-wrap items-center gap-3 rounded-md border border-slate-200 p-2" data-testid={`condition-${index}`}>
      <label className="text-sm text-slate-700" htmlFor={`condition-${index}-criterion`}>
        Items whose
      </label>
      <select
        id={`condition-${index}-criterion`}
        value={value.criterion}
        onChange={(e) => onChange({ criterion: e.target.value, picked: [] })}
        className="rounded-md border border-slate-300 px-2 py-1 text-sm"
      >
        {selectable.map((c) => (
          <option key={c.key} value={c.key}>
            {c.label} ({c.key})
          </option>
        ))}
      </select>
      <span className="text-sm text-slate-700">is</span>
      {choices.map((choice, i) => (
        <label key={choice.label} className="inline-flex items-center gap-1 text-sm">
          <input type="checkbox" checked={value.picked.includes(i)} onChange={() => toggle(i)} />
          {choice.label}
        </label>
      ))}
      <button type="button" onClick={onRemove} className="ml-auto text-sm text-slate-500 hover:text-rose-700">
        Remove
      </button>
    </div>
  );
}
