"use client";

import { CSV_FIELDS } from "@/lib/imports/rows.mjs";

/** One select per CSV column: a trace field, a metadata key named after the column, or nothing. */
export function ColumnMapping({
  header,
  mapping,
  onChange,
}: {
  header: string[];
  mapping: Record<string, string>;
  onChange: (next: Record<string, string>) => void;
}) {
  return (
    <table className="w-full text-sm">
      <thead>
        <tr className="text-left text-xs text-slate-500">
          <th className="py-1 pr-4 font-medium">Column</th>
          <th className="py-1 font-medium">Trace field</th>
        </tr>
      </thead>
      <tbody>
        {header.map((column, i) => {
          const metaKey = `metadata.${column.trim().replace(/\s+/g, "_") || `column${i + 1}`}`;
          return (
            <tr key={`${i}-${column}`} className="border-t border-slate-100">
              <td className="py-1 pr-4 font-mono text-xs">{column || `(column ${i + 1})`}</td>
              <td className="py-1">
                <select
                  aria-label={`Field for column ${column}`}
                  value={mapping[column] ?? ""}
                  onChange={(e) => onChange({ ...mapping, [column]: e.target.value })}
                  className="rounded-md border border-slate-300 px-2 py-1 text-sm"
                >
                  <option value="">(ignore)</option>
                  {CSV_FIELDS.map((f) => (
                    <option key={f} value={f}>
                      {f}
                    </option>
                  ))}
                  <option value={metaKey}>{metaKey}</option>
                </select>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
