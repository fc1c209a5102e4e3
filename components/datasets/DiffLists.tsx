import type { VersionDiff } from "./diff-types";
import { preview } from "./preview";

function ItemList({ title, items, testId }: { title: string; items: VersionDiff["added"]; testId: string }) {
  if (!items.length) return null;
  return (
    <section>
      <h3 className="text-sm font-semibold">{title}</h3>
      <ul className="divide-y divide-slate-100 text-sm" data-testid={testId}>
        {items.map((d) => (
          <li key={d.portableId} className="py-1">
            <code className="font-mono text-xs text-slate-500">{d.portableId}</code> {preview(d.item.input)}
            <span className="text-slate-500"> → {preview(d.item.expectedOutput, 60)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A page of a version diff: items added and removed, and each changed item's fields (path, before, after) as text. */
export function DiffLists({ diff }: { diff: VersionDiff }) {
  return (
    <div className="space-y-4">
      <ItemList title="Added" items={diff.added} testId="diff-added" />
      <ItemList title="Removed" items={diff.removed} testId="diff-removed" />
      {diff.changed.length ? (
        <section>
          <h3 className="text-sm font-semibold">Changed</h3>
          <div className="space-y-3" data-testid="diff-changed">
            {diff.changed.map((c) => (
              <div key={c.portableId}>
                <p className="text-sm">
                  <code className="font-mono text-xs text-slate-500">{c.portableId}</code> revision {c.fromRevision} → {c.toRevision}
                </p>
                <table className="mt-1 w-full text-left text-xs">
                  <thead className="uppercase text-slate-500">
                    <tr>
                      <th className="pr-3">Path</th>
                      <th className="pr-3">Before</th>
                      <th>After</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100 font-mono">
                    {c.fields.map((f) => (
                      <tr key={`${f.path}-${f.op}`}>
                        <td className="py-1 pr-3">{f.path}</td>
                        <td className="py-1 pr-3 text-red-800">{f.op === "add" ? "—" : preview(f.from, 200)}</td>
                        <td className="py-1 text-emerald-800">{f.op === "remove" ? "—" : preview(f.to, 200)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ))}
          </div>
        </section>
      ) : null}
    </div>
  );
}
