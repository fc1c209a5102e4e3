// A collapsible JSON viewer built from <details>, so it works without script and from the
// keyboard. Every value is rendered as text: trace content is untrusted.

const MAX_ENTRIES = 200;

function Leaf({ value }: { value: unknown }) {
  if (value === null) return <span className="text-slate-400">null</span>;
  if (typeof value === "string") return <span className="whitespace-pre-wrap break-words text-emerald-800">&quot;{value}&quot;</span>;
  if (typeof value === "number" || typeof value === "boolean") return <span className="text-indigo-700">{String(value)}</span>;
  return <span className="text-slate-400">{String(value)}</span>;
}

function Node({ name, value, depth }: { name: string | null; value: unknown; depth: number }) {
  const label = name === null ? null : <span className="text-slate-500">{name}: </span>;
  if (typeof value !== "object" || value === null) {
    return (
      <div className="pl-4">
        {label}
        <Leaf value={value} />
      </div>
    );
  }
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  const brackets = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  return (
    <details open={depth < 2} className="pl-4">
      <summary className="cursor-pointer select-none rounded focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-500">
        {label}
        <span className="text-slate-400">
          {brackets[0]} {entries.length} {entries.length === 1 ? "entry" : "entries"} {brackets[1]}
        </span>
      </summary>
      {entries.slice(0, MAX_ENTRIES).map(([k, v]) => (
        <Node key={k} name={k} value={v} depth={depth + 1} />
      ))}
      {entries.length > MAX_ENTRIES ? <div className="pl-4 text-slate-400">… {entries.length - MAX_ENTRIES} more</div> : null}
    </details>
  );
}

export function JsonTree({ value, label }: { value: unknown; label?: string }) {
  return (
    <div className="-ml-4 overflow-x-auto font-mono text-xs leading-5" data-testid={label ? `json-${label}` : undefined}>
      <Node name={label ?? null} value={value} depth={0} />
    </div>
  );
}
