"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { TConnection, TConnectionTestResult } from "@/lib/connections/schemas";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { ConfirmButton } from "@/components/ui/ConfirmButton";
import { Field } from "@/components/ui/Field";
import { FormDialog } from "@/components/ui/FormDialog";
import { api, errorText } from "@/components/ui/api";
import { ConnectionForm } from "./ConnectionForm";
import { TestResult } from "./TestResult";

/** The project's model connections; admins add, edit, test, rotate keys and delete, others read. */
export function ConnectionsPanel({ project, connections, canManage }: { project: string; connections: TConnection[]; canManage: boolean }) {
  const router = useRouter();
  const base = `/api/projects/${project}/connections`;
  const [editing, setEditing] = useState<TConnection | "new" | null>(null);
  const [results, setResults] = useState<Record<string, TConnectionTestResult | { failed: string } | "running">>({});
  const done = () => {
    setEditing(null);
    router.refresh();
  };
  const runTest = async (id: string) => {
    setResults((r) => ({ ...r, [id]: "running" }));
    const result = await api<TConnectionTestResult>(`${base}/${id}/test`, { body: {} }).catch((e: unknown) => ({ failed: errorText(e) }));
    setResults((r) => ({ ...r, [id]: result }));
  };
  return (
    <div className="space-y-4">
      {canManage && editing === null ? <Button onClick={() => setEditing("new")}>Add connection</Button> : null}
      {editing ? <ConnectionForm key={editing === "new" ? "new" : editing.id} base={base} editing={editing === "new" ? null : editing} onDone={done} /> : null}
      {connections.length === 0 ? (
        <p className="text-sm text-slate-500">
          No model connections yet.{canManage ? " Add one for OpenAI, Azure OpenAI, a gateway such as LiteLLM, or a self-hosted vLLM or Ollama." : ""}
        </p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {connections.map((c) => {
            const result = results[c.id];
            return (
              <li key={c.id} className="space-y-2 py-3" data-testid={`connection-${c.name}`}>
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <div className="text-sm">
                    <p className="font-medium text-slate-900">{c.name}</p>
                    <p className="font-mono text-xs text-slate-600">{c.baseUrl}</p>
                    <p className="text-slate-600">
                      {c.models.map((m) => `${m.name} (${m.inputPerMillion}/${m.outputPerMillion} per M)`).join(", ")} · {c.structuredOutput} ·{" "}
                      {c.hasApiKey ? "key stored" : "no key"}
                      {c.headerNames.length ? ` · headers: ${c.headerNames.join(", ")}` : ""}
                    </p>
                  </div>
                  {canManage ? (
                    <div className="flex flex-wrap gap-2">
                      <Button variant="secondary" onClick={() => runTest(c.id)} disabled={result === "running"}>
                        {result === "running" ? "Testing…" : "Test connection"}
                      </Button>
                      <Button variant="secondary" onClick={() => setEditing(c)}>
                        Edit
                      </Button>
                      <FormDialog
                        label="Rotate key"
                        title={`New API key for "${c.name}"`}
                        submitLabel="Replace key"
                        variant="secondary"
                        onSubmit={async (form) => {
                          const key = String(form.get("apiKey") ?? "");
                          await api(`${base}/${c.id}/rotate-key`, { body: { apiKey: key === "" ? null : key } });
                          router.refresh();
                        }}
                      >
                        <p className="text-sm text-slate-600">The stored key is replaced at once. Leave the field empty to send no key from now on.</p>
                        <Field label="New API key" name="apiKey" id={`rotate-${c.id}`} type="password" autoComplete="off" />
                      </FormDialog>
                      <ConfirmButton
                        label="Delete"
                        title={`Delete "${c.name}"?`}
                        body="The connection and its stored key are removed. Judges using it can no longer run."
                        confirmLabel="Delete connection"
                        onConfirm={async () => {
                          await api(`${base}/${c.id}`, { method: "DELETE" });
                          router.refresh();
                        }}
                      />
                    </div>
                  ) : null}
                </div>
                {result && result !== "running" ? "failed" in result ? <Alert tone="error">{result.failed}</Alert> : <TestResult result={result} /> : null}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
