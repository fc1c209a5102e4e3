"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { CRITERION_TYPES, type TCriterion, type TCriterionType, type TRubricContent, ZRubricContent } from "@/lib/rubrics/schemas";
import { Alert } from "@/components/ui/Alert";
import { ApiError, api } from "@/components/ui/api";
import { Button } from "@/components/ui/Button";
import { ConfirmButton } from "@/components/ui/ConfirmButton";
import { Guidelines } from "@/components/rubric/Guidelines";
import { RubricPreview } from "@/components/rubric/RubricPreview";
import { CriterionEditor } from "./CriterionEditor";
import { newCriterion } from "./defaults";
import { PublishDialog } from "./PublishDialog";

/** The draft of a rubric: guidelines and ordered criteria, checked by the same schema as the server. */
export function RubricEditor({ project, rubricId, initial, nextVersion }: { project: string; rubricId: string; initial: TRubricContent; nextVersion: number }) {
  const router = useRouter();
  const [content, setContent] = useState<TRubricContent>(initial);
  const [addType, setAddType] = useState<TCriterionType>("SCALE");
  const [status, setStatus] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const base = `/api/projects/${project}/rubrics/${rubricId}`;

  const parsed = ZRubricContent.safeParse(content);
  const errors = new Map(parsed.success ? [] : parsed.error.issues.map((i) => [i.path.join("."), i.message] as const));
  const setCriteria = (criteria: TCriterion[]) => {
    setContent({ ...content, criteria });
    setStatus(null);
  };
  const save = async () => {
    if (!parsed.success) throw new Error("Fix the marked fields first");
    await api(`${base}/draft`, { method: "PUT", body: content });
  };

  return (
    <div className="space-y-5">
      <section className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 lg:grid-cols-2">
        <div className="space-y-1">
          <label htmlFor="guidelines" className="block text-sm font-medium">
            Guidelines (markdown, shown to experts beside every item)
          </label>
          <textarea
            id="guidelines"
            rows={8}
            value={content.guidelines}
            onChange={(e) => setContent({ ...content, guidelines: e.target.value })}
            className="w-full rounded-md border border-slate-300 px-2 py-1.5 font-mono text-sm"
          />
        </div>
        <div aria-label="Guidelines as experts see them" className="rounded-md bg-slate-50 p-3">
          <Guidelines markdown={content.guidelines} />
        </div>
      </section>

      {errors.get("criteria") ? <Alert tone="error">{errors.get("criteria")}</Alert> : null}
      {content.criteria.map((c, i) => (
        <CriterionEditor
          key={i}
          index={i}
          count={content.criteria.length}
          criterion={c}
          error={(p) => errors.get(`criteria.${i}.${p}`)}
          onChange={(next) => setCriteria(content.criteria.map((x, j) => (j === i ? next : x)))}
          onMove={(to) => {
            const list = [...content.criteria];
            [list[i], list[to]] = [list[to], list[i]];
            setCriteria(list);
          }}
          onRemove={() => setCriteria(content.criteria.filter((_, j) => j !== i))}
        />
      ))}

      <div className="flex flex-wrap items-end gap-2">
        <div className="space-y-1">
          <label htmlFor="add-type" className="block text-xs font-medium text-slate-700">
            New criterion type
          </label>
          <select
            id="add-type"
            value={addType}
            onChange={(e) => setAddType(e.target.value as TCriterionType)}
            className="rounded-md border border-slate-300 px-2 py-1.5 text-sm"
          >
            {CRITERION_TYPES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </div>
        <Button
          type="button"
          variant="secondary"
          onClick={() =>
            setCriteria([
              ...content.criteria,
              newCriterion(
                addType,
                content.criteria.map((c) => c.key),
              ) as TCriterion,
            ])
          }
        >
          Add criterion
        </Button>
      </div>

      <div className="sticky bottom-0 flex flex-wrap items-center gap-2 border-t border-slate-200 bg-white/95 py-3">
        <Button
          type="button"
          variant="secondary"
          onClick={async () => {
            try {
              await save();
              setStatus({ tone: "success", text: "Draft saved" });
              router.refresh();
            } catch (e) {
              setStatus({ tone: "error", text: e instanceof ApiError || e instanceof Error ? e.message : "Saving failed" });
            }
          }}
        >
          Save draft
        </Button>
        <Button type="button" variant="secondary" disabled={!parsed.success} onClick={() => setPreviewing(!previewing)}>
          {previewing ? "Hide preview" : "Preview"}
        </Button>
        <PublishDialog
          nextVersion={nextVersion}
          disabled={!parsed.success}
          onPublish={async (changeNote) => {
            await save();
            await api(`${base}/publish`, { body: { changeNote } });
            router.push(`/p/${project}/rubrics/${rubricId}`);
            router.refresh();
          }}
        />
        <ConfirmButton
          label="Discard draft"
          title="Discard this draft?"
          body="Every change since the last published version is lost. Published versions stay as they are."
          confirmLabel="Discard draft"
          onConfirm={async () => {
            await api(`${base}/draft`, { method: "DELETE" });
            router.push(`/p/${project}/rubrics/${rubricId}`);
            router.refresh();
          }}
        />
        {!parsed.success ? <span className="text-sm text-red-700">{parsed.error.issues.length} problem(s) to fix before publishing</span> : null}
        {status ? <Alert tone={status.tone}>{status.text}</Alert> : null}
      </div>
      {previewing && parsed.success ? (
        <section aria-label="Preview" className="rounded-lg border border-indigo-200 p-4">
          <RubricPreview criteria={parsed.data.criteria} guidelines={parsed.data.guidelines} />
        </section>
      ) : null}
    </div>
  );
}
