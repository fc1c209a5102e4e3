type Version = { id: string; label: string };

/**
 * A plain GET form: any two versions, compared on the diff page. Versions come newest first:
 * the default compares the newest with the one before it.
 */
export function DiffPicker({ action, versions }: { action: string; versions: Version[] }) {
  return (
    <form action={action} method="get" className="flex flex-wrap items-end gap-3 text-sm">
      <VersionSelect label="From" name="from" versions={versions} defaultValue={versions[1]?.id} />
      <VersionSelect label="To" name="to" versions={versions} defaultValue={versions[0]?.id} />
      <button className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium hover:bg-slate-50">Compare</button>
    </form>
  );
}

function VersionSelect({ label, name, versions, defaultValue }: { label: string; name: string; versions: Version[]; defaultValue: string | undefined }) {
  return (
    <label className="space-y-1">
      <span className="block text-xs font-medium text-slate-700">{label}</span>
      <select name={name} defaultValue={defaultValue} className="rounded-md border border-slate-300 px-2 py-1.5">
        {versions.map((v) => (
          <option key={v.id} value={v.id}>
            {v.label}
          </option>
        ))}
      </select>
    </label>
  );
}
