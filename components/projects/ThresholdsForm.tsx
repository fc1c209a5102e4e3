"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { type TAgreementThresholds, ZAgreementThresholdsUpdate } from "@/lib/projects/schemas";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Field } from "@/components/ui/Field";
import { ApiError, api, errorText } from "@/components/ui/api";

type TForm = z.input<typeof ZAgreementThresholdsUpdate>;

/** The α thresholds behind every agreement report's traffic light. */
export function ThresholdsForm({ url, current }: { url: string; current: TAgreementThresholds }) {
  const router = useRouter();
  const [saved, setSaved] = useState<string | null>(null);
  const form = useForm<TForm>({ resolver: zodResolver(ZAgreementThresholdsUpdate), defaultValues: current });
  const save = form.handleSubmit(async (values) => {
    try {
      const after = await api<TAgreementThresholds>(url, { method: "PATCH", body: values });
      setSaved(`Saved: reliable ≥ ${after.reliable}, tentative ≥ ${after.tentative}.`);
      router.refresh();
    } catch (e) {
      if (e instanceof ApiError) for (const f of e.fieldErrors) form.setError(f.path as keyof TForm, { message: f.message });
      setSaved(null);
      form.setError("root", { message: errorText(e) });
    }
  });
  const errors = form.formState.errors;
  return (
    <form className="max-w-md space-y-3" onSubmit={save} data-testid="thresholds-form">
      <p className="text-sm text-slate-600">
        Krippendorff&apos;s α at or above “reliable” shows green; at or above “tentative”, amber (tentative conclusions only); below, red.
      </p>
      <Field
        label="Reliable at α ≥"
        type="number"
        step="0.001"
        min="0"
        max="1"
        error={errors.reliable?.message}
        {...form.register("reliable", { valueAsNumber: true })}
        id="reliable"
      />
      <Field
        label="Tentative at α ≥"
        type="number"
        step="0.001"
        min="0"
        max="1"
        error={errors.tentative?.message}
        {...form.register("tentative", { valueAsNumber: true })}
        id="tentative"
      />
      {errors.root ? <Alert tone="error">{errors.root.message}</Alert> : null}
      {saved ? <Alert tone="success">{saved}</Alert> : null}
      <Button type="submit" disabled={form.formState.isSubmitting}>
        Save thresholds
      </Button>
    </form>
  );
}
