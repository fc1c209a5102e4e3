"use client";

import { useRouter } from "next/navigation";

export function ProjectSwitcher({ current, projects }: { current: string | null; projects: { slug: string; name: string }[] }) {
  const router = useRouter();
  if (projects.length === 0) return null;
  return (
    <select
      aria-label="Switch project"
      className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
      value={current ?? ""}
      onChange={(e) => router.push(e.target.value ? `/p/${e.target.value}` : "/")}
    >
      {current ? null : <option value="">Choose a project…</option>}
      {projects.map((p) => (
        <option key={p.slug} value={p.slug}>
          {p.name}
        </option>
      ))}
    </select>
  );
}
