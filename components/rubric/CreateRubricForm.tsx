"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/Alert";
import { ApiError, api } from "@/components/ui/api";
import { Button } from "@/components/ui/Button";
import { Field } from "@/components/ui/Field";

const TEMPLATE_CHOICES = [
  { value: "", label: "Empty rubric" },
  { value: "rag", label: "RAG assistant: helpfulness, correctness, groundedness" },
  { value: "pairwise", label: "Pairwise preference" },
  { value: "safety", label: "Safety and policy check" },
];

export function CreateRubricForm({ project }: { project: string }) {
  const router = useRouter();
  const [error, setError] = useState<ApiError | null>(null);
  const fieldError = (path: string) => error?.fieldErrors.find((f) => f.path === path)?.message;
  return (
    <form
      className="grid gap-3 sm:grid-cols-2"
      onSubmit={async (event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        setError(null);
        try {
          const template = String(form.get("template") ?? "");
          const created = await api<{ id: string }>(`/api/projects/${project}/rubrics`, {
            body: {
              slug: String(form.get("slug")),
              name: String(form.get("name")),
              description: String(form.get("description") ?? ""),
              ...(template ? { template } : {}),
            },
          });
          router.push(`/p/${project}/rubrics/${created.id}/draft`);
        } catch (e) {
          setError(e instanceof ApiError ? e : new ApiError("Something went wrong", 500, "unknown"));
        }
      }}
    >
      <Field label="Name" name="name" id="rubric-name" required error={fieldError("name")} />
      <Field
        label="Slug (unique in this project)"
        name="slug"
        id="rubric-slug"
        required
        pattern="[a-z0-9]+(-[a-z0-9]+)*"
        title="lower-case letters, digits and single hyphens"
        error={fieldError("slug")}
      />
      <Field label="Description" name="description" id="rubric-description" error={fieldError("description")} />
      <div className="space-y-1">
        <label htmlFor="rubric-template" className="block text-sm font-medium text-slate-700">
          Start from
        </label>
        <select id="rubric-template" name="template" className="w-full rounded-md border border-slate-300 px-2 py-2 text-sm">
          {TEMPLATE_CHOICES.map((t) => (
            <option key={t.value} value={t.value}>
              {t.label}
            </option>
          ))}
        </select>
      </div>
      <div className="sm:col-span-2">
        <Button type="submit">Create rubric</Button>
      </div>
      {error && error.fieldErrors.length === 0 ? (
        <div className="sm:col-span-2">
          <Alert tone="error">{error.message}</Alert>
        </div>
      ) : null}
    </form>
  );
}
