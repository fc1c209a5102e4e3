"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { TImportPreview, TImportView } from "@/lib/imports/schemas";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { api } from "@/components/ui/api";
import { ColumnMapping } from "./ColumnMapping";
import { ImportProgress } from "./ImportProgress";
import { uploadFile } from "./upload";

type Step =
  | { name: "choose" }
  | { name: "uploading"; sent: number; total: number }
  | { name: "preview"; id: string; preview: TImportPreview }
  | { name: "running"; id: string };

const formatOf = (name: string): "JSONL" | "CSV" => (/\.csv$/i.test(name) ? "CSV" : "JSONL");

/** Upload a file in pieces, look at its first rows, map CSV columns, start, and follow the import. */
export function ImportWizard({ slug }: { slug: string }) {
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<"JSONL" | "CSV">("JSONL");
  const [step, setStep] = useState<Step>({ name: "choose" });
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [separator, setSeparator] = useState(",");
  const [problem, setProblem] = useState<string | null>(null);

  const upload = async () => {
    if (!file) return;
    setProblem(null);
    setStep({ name: "uploading", sent: 0, total: file.size });
    try {
      const created: TImportView = await uploadFile(slug, file, format, (sent) => setStep({ name: "uploading", sent, total: file.size }));
      const preview = await api<TImportPreview>(`/api/projects/${slug}/imports/${created.id}/preview`);
      setMapping(preview.guess ?? {});
      setStep({ name: "preview", id: created.id, preview });
    } catch (error) {
      setProblem(error instanceof Error ? error.message : "The upload failed");
      setStep({ name: "choose" });
    }
  };

  const start = async (id: string) => {
    setProblem(null);
    try {
      await api(`/api/projects/${slug}/imports/${id}/start`, { body: format === "CSV" ? { mapping, tagSeparator: separator } : {} });
      setStep({ name: "running", id });
      router.refresh();
    } catch (error) {
      setProblem(error instanceof Error ? error.message : "The import could not start");
    }
  };

  return (
    <div className="space-y-4">
      {problem ? <Alert tone="error">{problem}</Alert> : null}
      {step.name === "choose" ? (
        <div className="flex flex-wrap items-end gap-3">
          <label className="space-y-1 text-sm">
            <span className="block text-xs font-medium text-slate-600">File (JSONL or CSV)</span>
            <input
              type="file"
              accept=".jsonl,.ndjson,.json,.csv,text/csv,application/x-ndjson"
              onChange={(e) => {
                const f = e.target.files?.[0] ?? null;
                setFile(f);
                if (f) setFormat(formatOf(f.name));
              }}
            />
          </label>
          <label className="space-y-1 text-sm">
            <span className="block text-xs font-medium text-slate-600">Format</span>
            <select value={format} onChange={(e) => setFormat(e.target.value as "JSONL" | "CSV")} className="rounded-md border border-slate-300 px-2 py-1">
              <option value="JSONL">JSONL (one trace per line)</option>
              <option value="CSV">CSV (columns mapped to fields)</option>
            </select>
          </label>
          <Button onClick={upload} disabled={!file}>
            Upload
          </Button>
        </div>
      ) : null}
      {step.name === "uploading" ? (
        <div className="space-y-1">
          <p className="text-sm">Uploading… {Math.floor((100 * step.sent) / Math.max(1, step.total))}%</p>
          <progress className="w-full" max={step.total} value={step.sent} aria-label="Upload progress" />
        </div>
      ) : null}
      {step.name === "preview" ? (
        <div className="space-y-4">
          <h3 className="text-sm font-semibold">First rows</h3>
          <div className="max-h-64 overflow-auto rounded border border-slate-200" data-testid="import-preview">
            <table className="w-full text-xs">
              {step.preview.header ? (
                <thead>
                  <tr>
                    {step.preview.header.map((h, i) => (
                      <th key={i} className="border-b border-slate-200 px-2 py-1 text-left font-medium">
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
              ) : null}
              <tbody>
                {step.preview.rows.map((row, r) => (
                  <tr key={r} className="border-t border-slate-100 align-top">
                    {row.map((cell, c) => (
                      <td key={c} className="max-w-xs truncate px-2 py-1 font-mono">
                        {cell}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {step.preview.header ? (
            <>
              <h3 className="text-sm font-semibold">Columns</h3>
              <ColumnMapping header={step.preview.header} mapping={mapping} onChange={setMapping} />
              <label className="block space-y-1 text-sm">
                <span className="block text-xs font-medium text-slate-600">Tag separator</span>
                <input
                  value={separator}
                  maxLength={5}
                  onChange={(e) => setSeparator(e.target.value)}
                  className="w-20 rounded-md border border-slate-300 px-2 py-1"
                />
              </label>
            </>
          ) : null}
          <Button onClick={() => start(step.id)}>Start import</Button>
        </div>
      ) : null}
      {step.name === "running" ? <ImportProgress slug={slug} importId={step.id} /> : null}
    </div>
  );
}
