import Link from "next/link";

const FIELDS: { name: string; label: string; placeholder?: string; type?: string }[] = [
  { name: "from", label: "From (UTC)", type: "datetime-local" },
  { name: "to", label: "To (UTC)", type: "datetime-local" },
  { name: "name", label: "Name", placeholder: "support-chat" },
  { name: "tags", label: "Tags (all of)", placeholder: "billing, escalated" },
  { name: "release", label: "Release" },
  { name: "promptVersion", label: "Prompt version" },
  { name: "sessionId", label: "Session" },
  { name: "userId", label: "End user" },
  { name: "model", label: "Model (any span)" },
  { name: "metaKey", label: "Metadata key" },
  { name: "metaValue", label: "Metadata value" },
  { name: "scoreName", label: "Has score" },
  { name: "scoreValue", label: "Score value" },
];

/**
 * A plain GET form: applying it writes every filter into the URL, so the view can be shared,
 * bookmarked and navigated with the browser's back button, and it works from the keyboard.
 */
export function TraceFilters({ slug, values }: { slug: string; values: Record<string, string> }) {
  const input = "w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm shadow-sm";
  return (
    <form
      method="get"
      action={`/p/${slug}/traces`}
      role="search"
      aria-label="Filter traces"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      <div className="flex gap-2">
        <label htmlFor="filter-q" className="sr-only">
          Search input and output
        </label>
        <input
          id="filter-q"
          name="q"
          type="search"
          defaultValue={values.q ?? ""}
          placeholder='Search input and output: words, "a phrase", -exclude'
          className={input}
        />
        <button type="submit" className="rounded-md bg-indigo-600 px-4 text-sm font-medium text-white hover:bg-indigo-700">
          Apply
        </button>
        <Link href={`/p/${slug}/traces`} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50">
          Clear
        </Link>
      </div>
      <details open={FIELDS.some((f) => values[f.name])}>
        <summary className="cursor-pointer text-sm text-slate-600">More filters</summary>
        <div className="mt-3 grid grid-cols-2 gap-3 md:grid-cols-4">
          {FIELDS.map((f) => (
            <div key={f.name} className="space-y-1">
              <label htmlFor={`filter-${f.name}`} className="block text-xs font-medium text-slate-600">
                {f.label}
              </label>
              <input
                id={`filter-${f.name}`}
                name={f.name}
                type={f.type ?? "text"}
                defaultValue={values[f.name] ?? ""}
                placeholder={f.placeholder}
                className={input}
              />
            </div>
          ))}
        </div>
      </details>
    </form>
  );
}
