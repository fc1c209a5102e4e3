"use client";

import { useId, useState } from "react";

interface Props {
  project: string;
  datasetId: string;
  versions: { number: number; tags: string[]; splits: string[] }[];
  formats: readonly string[];
}

const select = "mt-1 block rounded-md border border-slate-300 px-2 py-1.5 text-sm";

/** Pick a version (by number or tag), a split and a format: the link downloads that export. */
export function DownloadForm({ project, datasetId, versions, formats }: Props) {
  const id = useId();
  const refs = versions.flatMap((v) => [String(v.number), ...v.tags]);
  const [ref, setRef] = useState(refs[0] ?? "");
  const [split, setSplit] = useState("");
  const [format, setFormat] = useState(formats[0]);
  if (!versions.length) return <p className="text-sm text-slate-600">Publish a version first: downloads are made from published versions.</p>;
  const version = versions.find((v) => String(v.number) === ref || v.tags.includes(ref)) ?? versions[0];
  const query = new URLSearchParams({ format, ...(split ? { split } : {}) });
  const href = `/api/projects/${project}/datasets/${datasetId}/versions/${encodeURIComponent(ref)}/export?${query}`;
  return (
    <div className="flex flex-wrap items-end gap-4">
      <label htmlFor={`${id}-version`} className="text-sm font-medium text-slate-700">
        Version
        <select id={`${id}-version`} className={select} value={ref} onChange={(e) => setRef(e.target.value)} data-testid="download-version">
          {versions.map((v) => (
            <optgroup key={v.number} label={`v${v.number}`}>
              <option value={String(v.number)}>v{v.number}</option>
              {v.tags.map((t) => (
                <option key={t} value={t}>
                  {t} (v{v.number})
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      <label htmlFor={`${id}-split`} className="text-sm font-medium text-slate-700">
        Split
        <select id={`${id}-split`} className={select} value={split} onChange={(e) => setSplit(e.target.value)} data-testid="download-split">
          <option value="">All items</option>
          {version.splits.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label htmlFor={`${id}-format`} className="text-sm font-medium text-slate-700">
        Format
        <select id={`${id}-format`} className={select} value={format} onChange={(e) => setFormat(e.target.value)} data-testid="download-format">
          {formats.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </select>
      </label>
      <a href={href} download className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700" data-testid="download-link">
        Download
      </a>
    </div>
  );
}
