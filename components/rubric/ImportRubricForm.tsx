"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/Alert";
import { ApiError, api } from "@/components/ui/api";
import { Button } from "@/components/ui/Button";

/** Paste or choose a rubric file (YAML or JSON); errors name the criterion and field at fault. */
export function ImportRubricForm({ project }: { project: string }) {
  const router = useRouter();
  const [content, setContent] = useState("");
  const [format, setFormat] = useState<"yaml" | "json">("yaml");
  const [error, setError] = useState<ApiError | null>(null);
  return (
    <form
      className="space-y-3"
      onSubmit={async (event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const slug = String(form.get("slug") ?? "").trim();
        setError(null);
        try {
          const created = await api<{ id: string }>(`/api/projects/${project}/rubrics/import`, {
            body: { format, content, publish: form.get("publish") === "on", ...(slug ? { slug } : {}) },
          });
          router.push(`/p/${project}/rubrics/${created.id}`);
        } catch (e) {
          setError(e instanceof ApiError ? e : new ApiError("Something went wrong", 500, "unknown"));
        }
      }}
    >
      <div className="flex flex-wrap items-end gap-3">
        <div className="space-y-1">
          <label htmlFor="import-file" className="block text-sm font-medium text-slate-700">
            Rubric file
          </label>
          <input
            id="import-file"
            type="file"
            accept=".yaml,.yml,.json,application/json,application/yaml"
            className="text-sm"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (!file) return;
              setFormat(file.name.endsWith(".json") ? "json" : "yaml");
              setContent(await file.text());
            }}
          />
        </div>
        <div className="space-y-1">
          <label htmlFor="import-format" className="block text-sm font-medium text-slate-700">
            Format
          </label>
          <select
            id="import-format"
            value={format}
            onChange={(e) => setFormat(e.target.value as "yaml" | "json")}
            className="rounded-md border border-slate-300 px-2 py-2 text-sm"
          >
            <option value="yaml">YAML</option>
            <option value="json">JSON</option>
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="import-slug" className="block text-sm font-medium text-slate-700">
            Slug (empty: the file&apos;s)
          </label>
          <input id="import-slug" name="slug" className="rounded-md border border-slate-300 px-2 py-2 text-sm" />
        </div>
        <label className="flex items-center gap-1.5 pb-2 text-sm">
          <input type="checkbox" name="publish" /> Publish as v1
        </label>
      </div>
      <div className="space-y-1">
        <label htmlFor="import-content" className="block text-sm font-medium text-slate-700">
          Or paste its content
        </label>
        <textarea
          id="import-content"
          rows={6}
          value={content}
          onChange={(e) => setContent(e.target.value)}
          className="w-full rounded-md border border-slate-300 px-2 py-1.5 font-mono text-xs"
        />
      </div>
      <Button type="submit" disabled={content.trim() === ""}>
        Import rubric
      </Button>
      {error ? (
        <Alert tone="error">
          {error.fieldErrors.length > 0 ? (
            <ul className="list-disc pl-5">
              {error.fieldErrors.map((f) => (
                <li key={`${f.path}${f.message}`}>
                  <code>{f.path}</code>: {f.message}
                </li>
              ))}
            </ul>
          ) : (
            error.message
          )}
        </Alert>
      ) : null}
    </form>
  );
}
