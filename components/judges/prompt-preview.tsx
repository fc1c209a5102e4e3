"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Field } from "@/components/ui/Field";
import { api, errorText } from "@/components/ui/api";
import type { TPreview } from "@/lib/judge-runs/schemas";

/**
 * The prompt a judge version would send for one trace, before anything is sent. Messages are
 * shown as text in <pre>: a trace's content is never read as HTML.
 */
export function PromptPreview({ project, judgeName, version }: { project: string; judgeName: string; version: number | "draft" }) {
  const [traceId, setTraceId] = useState("");
  const [preview, setPreview] = useState<TPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run() {
    setBusy(true);
    setError(null);
    try {
      setPreview(
        await api<TPreview>(`/api/projects/${project}/judges/${encodeURIComponent(judgeName)}/preview`, {
          body: { version, ...(traceId.trim() ? { traceId: traceId.trim() } : {}) },
        }),
      );
    } catch (e) {
      setPreview(null);
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-label="Prompt preview" className="space-y-3">
      <form
        className="flex items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <div className="grow">
          <Field label="Trace id" name="preview-trace-id" value={traceId} onChange={(e) => setTraceId(e.target.value)} placeholder="the trace's own id" />
        </div>
        <Button type="submit" disabled={busy}>
          {busy ? "Rendering…" : "Preview"}
        </Button>
      </form>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {preview ? (
        <div className="space-y-2" data-testid="prompt-preview">
          <p className="text-xs text-slate-500">
            Model {preview.model}
            {preview.responseFormat ? `, answer held to ${String(preview.responseFormat.type)}` : ", answer asked for in the prompt"}
          </p>
          {preview.messages.map((m, i) => (
            <figure key={i} className="space-y-1">
              <figcaption className="text-xs font-medium uppercase text-slate-500">{m.role}</figcaption>
              <pre className="max-h-96 overflow-auto whitespace-pre-wrap rounded-md bg-slate-50 p-3 text-xs">{m.content}</pre>
            </figure>
          ))}
        </div>
      ) : null}
    </section>
  );
}
