/** A plain GET form: any two versions, compared on the diff page. */
/** Versions come newest first: the default compares the newest with the one before it. */
export function DiffPicker({ action, versions }: { action: string; versions: { id: string; label: string }[] }) {
  return (
    <form action={action} method="get" className="flex flex-wrap items-end gap-3 text-sm">
      <label className="space-y-1">
        <span className="block text-xs font-medium text-slate-700">From</span>
        <select name="from" defaultValue={versions[1]?.id} className="rounded-md border border-slate-300 px-2 py-1.5">
          {versions.map((v) => (
            <option key={v.id} value={v.id}>
              {v.label}
            </option>
          ))}
        </select>
      </label>
      <label className="space-y-1">
        <span className="block text-xs font-medium text-slate-700">To</span>
        <select name="to" defaultValue={versions[0]?.id} className="rounded-md border border-slate-300 px-2 py-1.5">
          {versions.map((v) => (
            <option key={v.id} value={v.id}>
              {v.label}
            </option>
          ))}
        </select>
      </label>
      <button className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium hover:bg-slate-50">Compare</button>
    </form>
  );
}
