"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect } from "react";
import { useFieldArray, useForm } from "react-hook-form";
import type { z } from "zod";
import { STRUCTURED_OUTPUTS, type TConnection, ZConnectionCreate, ZConnectionUpdate } from "@/lib/connections/schemas";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Field } from "@/components/ui/Field";
import { ApiError, api, errorText } from "@/components/ui/api";

type TForm = z.input<typeof ZConnectionCreate>;

const CAPABILITY_LABELS: Record<(typeof STRUCTURED_OUTPUTS)[number], string> = {
  json_schema: "JSON schema (response_format json_schema)",
  json_object: "JSON object (response_format json_object)",
  prompt: "Prompt only (instructions in the prompt)",
};

// An empty secret field means "none" on creation and "keep the stored one" on a change.
const blankToUndefined = (v: unknown) => (v === "" ? undefined : v);

/** Adds a connection, or changes one (`editing`): the same zod schemas as the server's. */
export function ConnectionForm({ base, editing, onDone }: { base: string; editing: TConnection | null; onDone: () => void }) {
  const form = useForm<TForm>({
    resolver: zodResolver((editing ? ZConnectionUpdate : ZConnectionCreate) as typeof ZConnectionCreate),
    defaultValues: editing
      ? {
          name: editing.name,
          baseUrl: editing.baseUrl,
          structuredOutput: editing.structuredOutput,
          models: editing.models,
          headers: editing.headerNames.map((name) => ({ name })),
        }
      : { name: "", baseUrl: "", structuredOutput: "json_schema", models: [{ name: "", inputPerMillion: 0, outputPerMillion: 0 }], headers: [] },
  });
  const models = useFieldArray({ control: form.control, name: "models" });
  const headers = useFieldArray({ control: form.control, name: "headers" });
  // The form opens where the admin asked for it: focus goes to its first field.
  useEffect(() => form.setFocus("name"), [form]);
  const errors = form.formState.errors;
  const save = form.handleSubmit(async (values) => {
    try {
      await api(editing ? `${base}/${editing.id}` : base, { method: editing ? "PATCH" : "POST", body: values });
      onDone();
    } catch (e) {
      if (e instanceof ApiError) for (const f of e.fieldErrors) form.setError(f.path as keyof TForm, { message: f.message });
      form.setError("root", { message: errorText(e) });
    }
  });
  return (
    <form className="space-y-3 rounded-md border border-slate-200 p-4" onSubmit={save} aria-label={editing ? `Edit ${editing.name}` : "Add a connection"}>
      <h3 className="font-semibold">{editing ? `Edit ${editing.name}` : "Add a connection"}</h3>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Name" id="connection-name" error={errors.name?.message} {...form.register("name")} />
        <Field
          label="Base URL"
          id="connection-base-url"
          placeholder="https://api.openai.com/v1"
          error={errors.baseUrl?.message}
          {...form.register("baseUrl")}
        />
      </div>
      <div className="space-y-1">
        <label htmlFor="connection-capability" className="block text-sm font-medium text-slate-700">
          Structured output
        </label>
        <select id="connection-capability" className="w-full rounded-md border border-slate-300 px-2 py-2 text-sm" {...form.register("structuredOutput")}>
          {STRUCTURED_OUTPUTS.map((c) => (
            <option key={c} value={c}>
              {CAPABILITY_LABELS[c]}
            </option>
          ))}
        </select>
      </div>
      {editing ? null : (
        <Field
          label="API key (optional)"
          id="connection-api-key"
          type="password"
          autoComplete="off"
          {...form.register("apiKey", { setValueAs: blankToUndefined })}
        />
      )}
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">Models and prices per million tokens</legend>
        {models.fields.map((field, i) => (
          <div key={field.id} className="grid grid-cols-[1fr_8rem_8rem_auto] items-end gap-2">
            <Field label={`Model ${i + 1}`} id={`model-${i}-name`} error={errors.models?.[i]?.name?.message} {...form.register(`models.${i}.name`)} />
            <Field
              label="Input"
              id={`model-${i}-input`}
              type="number"
              step="any"
              min="0"
              {...form.register(`models.${i}.inputPerMillion`, { valueAsNumber: true })}
            />
            <Field
              label="Output"
              id={`model-${i}-output`}
              type="number"
              step="any"
              min="0"
              {...form.register(`models.${i}.outputPerMillion`, { valueAsNumber: true })}
            />
            <Button
              type="button"
              variant="secondary"
              aria-label={`Remove model ${i + 1}`}
              onClick={() => models.remove(i)}
              disabled={models.fields.length === 1}
            >
              Remove
            </Button>
          </div>
        ))}
        {errors.models?.message ? <p className="text-sm text-red-700">{errors.models.message}</p> : null}
        <Button type="button" variant="secondary" onClick={() => models.append({ name: "", inputPerMillion: 0, outputPerMillion: 0 })}>
          Add model
        </Button>
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">Headers (values are stored encrypted{editing ? "; leave a value empty to keep it" : ""})</legend>
        {headers.fields.map((field, i) => (
          <div key={field.id} className="grid grid-cols-[1fr_1fr_auto] items-end gap-2">
            <Field label={`Header ${i + 1} name`} id={`header-${i}-name`} error={errors.headers?.[i]?.name?.message} {...form.register(`headers.${i}.name`)} />
            <Field
              label="Value"
              id={`header-${i}-value`}
              type="password"
              autoComplete="off"
              error={errors.headers?.[i]?.value?.message}
              {...form.register(`headers.${i}.value`, { setValueAs: blankToUndefined })}
            />
            <Button type="button" variant="secondary" aria-label={`Remove header ${i + 1}`} onClick={() => headers.remove(i)}>
              Remove
            </Button>
          </div>
        ))}
        {errors.headers?.message ? <p className="text-sm text-red-700">{errors.headers.message}</p> : null}
        <Button type="button" variant="secondary" onClick={() => headers.append({ name: "", value: "" })}>
          Add header
        </Button>
      </fieldset>
      {errors.root ? <Alert tone="error">{errors.root.message}</Alert> : null}
      <div className="flex gap-2">
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {editing ? "Save changes" : "Add connection"}
        </Button>
        <Button type="button" variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
