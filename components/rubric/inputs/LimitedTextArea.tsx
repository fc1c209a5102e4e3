interface Props {
  id: string;
  label: string;
  value: unknown;
  maxLength: number;
  rows: number;
  placeholder?: string;
  monospace?: boolean;
  onChange: (value: string | undefined) => void;
}

/** A free-text answer with its length against the criterion's limit; empty means unanswered. */
export function LimitedTextArea({ id, label, value, maxLength, rows, placeholder, monospace, onChange }: Props) {
  const text = typeof value === "string" ? value : "";
  return (
    <div>
      <textarea
        id={id}
        aria-label={label}
        data-answer-field
        rows={rows}
        maxLength={maxLength}
        value={text}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)}
        className={`w-full rounded-md border border-slate-300 px-3 py-2 text-sm${monospace ? " font-mono" : ""}`}
      />
      <p className="text-right text-xs text-slate-500">
        {text.length} / {maxLength}
      </p>
    </div>
  );
}
