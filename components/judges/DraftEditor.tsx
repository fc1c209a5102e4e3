"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { TEditorOptions, TJudgeVersion } from "@/lib/judge-versions/schemas";
import { Button } from "@/components/ui/Button";
import { ConfirmButton } from "@/components/ui/ConfirmButton";
import { ErrorDetails } from "@/components/ui/ErrorDetails";
import { Field } from "@/components/ui/Field";
import { api } from "@/components/ui/api";
import { ExampleChoices } from "./ExampleChoices";
import { ParameterFields } from "./ParameterFields";
import { parameterTexts, parametersOf } from "./parameters";
import { SelectField } from "./SelectField";
import { TemplateField } from "./TemplateField";

interface Props {
  project: string;
  judgeName: string;
  options: TEditorOptions;
  /** What the form starts from: the open draft, else the latest published version, else nothing. */
  initial: TJudgeVersion | null;
  hasDraft: boolean;
  nextVersion: number;
}

/** The judge's one draft: what it answers, with which model and prompt; saved whole, then published. */
export function DraftEditor({ project, judgeName, options, initial: draft, hasDraft, nextVersion }: Props) {
  const router = useRouter();
  const firstRubric = options.rubricVersions[0];
  const [rubricVersionId, setRubric] = useState(draft?.rubricVersionId ?? firstRubric?.id ?? "");
  const rubric = options.rubricVersions.find((r) => r.id === rubricVersionId);
  const [criterionId, setCriterion] = useState(draft?.criterion.id ?? rubric?.criteria[0]?.id ?? "");
  const criterion = rubric?.criteria.find((c) => c.id === criterionId);
  const [connectionId, setConnection] = useState(draft?.connectionId ?? options.connections[0]?.id ?? "");
  const connection = options.connections.find((c) => c.id === connectionId);
  const [model, setModel] = useState(draft?.model ?? connection?.models[0] ?? "");
  const [parameters, setParameters] = useState(parameterTexts(draft?.parameters));
  const [template, setTemplate] = useState(draft?.template ?? "");
  const [exampleIds, setExampleIds] = useState<string[]>(draft?.exampleIds ?? []);
  const [changeNote, setChangeNote] = useState(hasDraft ? (draft?.changeNote ?? "") : "");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const base = `/api/projects/${project}/judges/${encodeURIComponent(judgeName)}`;

  const body = () => ({
    rubricVersionId,
    criterionId,
    connectionId,
    model,
    parameters: parametersOf(draft?.parameters, parameters),
    template,
    exampleIds,
    changeNote,
  });
  const save = () => api(`${base}/draft`, { method: "PUT", body: body() });

  return (
    <form
      aria-label="Draft"
      className="space-y-3"
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        setError(null);
        try {
          await save();
          router.refresh();
        } catch (e) {
          setError(e);
        } finally {
          setBusy(false);
        }
      }}
    >
      <div className="grid grid-cols-2 gap-3">
        <SelectField
          label="Rubric"
          id="judge-rubric"
          value={rubricVersionId}
          onChange={(e) => {
            setRubric(e.target.value);
            setCriterion(options.rubricVersions.find((r) => r.id === e.target.value)?.criteria[0]?.id ?? "");
          }}
          options={options.rubricVersions.map((r) => [r.id, r.label])}
        />
        <SelectField
          label="Criterion"
          id="judge-criterion"
          value={criterionId}
          onChange={(e) => setCriterion(e.target.value)}
          options={(rubric?.criteria ?? []).map((c) => [c.id, `${c.label} (${c.type.toLowerCase()}${c.mode === "pairwise" ? ", pairwise" : ""})`])}
        />
        <SelectField
          label="Connection"
          id="judge-connection"
          value={connectionId}
          onChange={(e) => {
            setConnection(e.target.value);
            setModel(options.connections.find((c) => c.id === e.target.value)?.models[0] ?? "");
          }}
          options={options.connections.map((c) => [c.id, c.name])}
        />
        <SelectField
          label="Model"
          id="judge-model"
          value={model}
          onChange={(e) => setModel(e.target.value)}
          options={(connection?.models ?? []).map((m) => [m, m])}
        />
        <ParameterFields texts={parameters} onChange={setParameters} />
      </div>
      {options.connections.length === 0 ? <p className="text-sm text-amber-800">Add a model connection in Settings → Model connections first.</p> : null}
      <TemplateField mode={criterion?.mode ?? "single"} value={template} onChange={setTemplate} />
      <ExampleChoices examples={options.examples} chosen={exampleIds} onChange={setExampleIds} />
      <Field label="Change note" id="judge-change-note" maxLength={2000} value={changeNote} onChange={(e) => setChangeNote(e.target.value)} />
      <ErrorDetails error={error} />
      <div className="flex gap-2">
        <Button type="submit" disabled={busy}>
          {busy ? "Saving…" : "Save draft"}
        </Button>
        <ConfirmButton
          label="Publish"
          title={`Publish v${nextVersion}?`}
          body={`The draft as shown is saved and published as v${nextVersion} of ${judgeName}. A published version never changes; later changes start a new draft.`}
          confirmLabel={`Publish v${nextVersion}`}
          variant="secondary"
          onConfirm={async () => {
            await save();
            await api(`${base}/versions`, { body: { changeNote } });
            router.refresh();
          }}
        />
        {hasDraft ? (
          <ConfirmButton
            label="Discard draft"
            title="Discard the draft?"
            body="The draft is deleted; published versions stay as they are."
            confirmLabel="Discard draft"
            onConfirm={async () => {
              await api(`${base}/draft`, { method: "DELETE" });
              router.refresh();
            }}
          />
        ) : null}
      </div>
    </form>
  );
}
