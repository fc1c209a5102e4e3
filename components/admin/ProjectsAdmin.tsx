"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ApiError, api } from "@/components/ui/api";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { ConfirmButton } from "@/components/ui/ConfirmButton";
import { Field } from "@/components/ui/Field";

export interface ProjectRow {
  id: string;
  slug: string;
  name: string;
  archived: boolean;
  members: number;
  traces: number;
}

function slugify(name: string) {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48);
}

export function ProjectsAdmin({ projects }: { projects: ProjectRow[] }) {
  const router = useRouter();
  const [error, setError] = useState<ApiError | null>(null);
  const [name, setName] = useState("");
  const [slug, setSlug] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);

  async function patch(id: string, body: object) {
    setError(null);
    try {
      await api(`/api/admin/projects/${id}`, { method: "PATCH", body });
      setRenaming(null);
      router.refresh();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError("Something went wrong", 500, "unknown"));
    }
  }

  return (
    <div className="space-y-4">
      <form
        className="grid grid-cols-1 items-end gap-3 sm:grid-cols-[1fr_1fr_auto]"
        onSubmit={async (event) => {
          event.preventDefault();
          setError(null);
          try {
            const created = await api<{ slug: string }>("/api/projects", { body: { name, slug: slug ?? slugify(name) } });
            router.push(`/p/${created.slug}`);
          } catch (e) {
            setError(e instanceof ApiError ? e : new ApiError("Something went wrong", 500, "unknown"));
          }
        }}
      >
        <Field label="New project name" name="name" value={name} onChange={(e) => setName(e.target.value)} required />
        <Field
          label="Slug (in URLs)"
          name="slug"
          value={slug ?? slugify(name)}
          onChange={(e) => setSlug(e.target.value)}
          required
          error={error?.fieldErrors.find((f) => f.path === "slug")?.message}
        />
        <Button type="submit">Create project</Button>
      </form>
      {error && !error.fieldErrors.some((f) => f.path === "slug") ? <Alert tone="error">{error.message}</Alert> : null}
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-slate-500">
          <tr>
            <th className="py-2 font-medium">Project</th>
            <th className="py-2 font-medium">Slug</th>
            <th className="py-2 font-medium">Members</th>
            <th className="py-2 font-medium">Traces</th>
            <th className="py-2 font-medium" />
          </tr>
        </thead>
        <tbody>
          {projects.map((p) => (
            <tr key={p.id} className="border-b border-slate-100" data-testid={`project-${p.slug}`}>
              <td className="py-2">
                {renaming === p.id ? (
                  <form
                    className="flex gap-2"
                    onSubmit={(e) => {
                      e.preventDefault();
                      void patch(p.id, { name: String(new FormData(e.currentTarget).get("name")) });
                    }}
                  >
                    <input
                      name="name"
                      aria-label="Project name"
                      defaultValue={p.name}
                      autoFocus
                      className="rounded border border-slate-300 px-2 py-1"
                      onKeyDown={(e) => e.key === "Escape" && setRenaming(null)}
                    />
                    <Button type="submit">Save</Button>
                  </form>
                ) : (
                  <span className={p.archived ? "text-slate-400 line-through" : ""}>{p.name}</span>
                )}
              </td>
              <td className="py-2 font-mono text-xs">{p.slug}</td>
              <td className="py-2">{p.members}</td>
              <td className="py-2">{p.traces}</td>
              <td className="flex justify-end gap-2 py-2">
                <Button variant="secondary" onClick={() => setRenaming(p.id)}>
                  Rename
                </Button>
                {p.archived ? (
                  <Button variant="secondary" onClick={() => patch(p.id, { archived: false })}>
                    Unarchive
                  </Button>
                ) : (
                  <ConfirmButton
                    label="Archive"
                    title={`Archive ${p.name}?`}
                    body="Members and API keys lose access until it is unarchived. Nothing is deleted."
                    confirmLabel="Archive"
                    onConfirm={async () => {
                      await api(`/api/admin/projects/${p.id}`, { method: "PATCH", body: { archived: true } });
                      router.refresh();
                    }}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
