"use client";

import { useState } from "react";
import type { TCriterion } from "@/lib/rubrics/schemas";
import { Alert } from "@/components/ui/Alert";
import { Guidelines } from "./Guidelines";
import { LabelingForm, type TAnswers } from "./LabelingForm";

const SAMPLE = {
  input: "How do I get back a file I deleted yesterday?",
  a: "Open Trash, select the file and choose Restore. Deleted files stay in Trash for 30 days.",
  b: "Deleted files cannot be recovered.",
};

/** A version as an expert sees it, on a sample item; answers are checked but never stored. */
export function RubricPreview({ criteria, guidelines }: { criteria: TCriterion[]; guidelines: string }) {
  const [submitted, setSubmitted] = useState<TAnswers | null>(null);
  const pairwise = criteria.some((c) => c.type === "PREFERENCE");
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_1.2fr]">
      <div className="space-y-4">
        <section aria-label="Sample item" className="space-y-2 rounded-lg border border-slate-200 bg-slate-50 p-4 text-sm">
          <p className="font-medium">Sample item</p>
          <p>
            <span className="text-slate-500">Input: </span>
            {SAMPLE.input}
          </p>
          <p>
            <span className="text-slate-500">{pairwise ? "Response A: " : "Response: "}</span>
            {SAMPLE.a}
          </p>
          {pairwise ? (
            <p>
              <span className="text-slate-500">Response B: </span>
              {SAMPLE.b}
            </p>
          ) : null}
        </section>
        <section aria-label="Guidelines" className="rounded-lg border border-slate-200 p-4">
          <h3 className="mb-2 font-medium">Guidelines</h3>
          <Guidelines markdown={guidelines} />
        </section>
      </div>
      <div className="space-y-3">
        <LabelingForm criteria={criteria} idPrefix="preview" submitLabel="Check answers" onSubmit={setSubmitted} />
        {submitted ? (
          <Alert tone="success">
            <span data-testid="preview-result">Every answer is valid. A preview stores nothing.</span>
            <pre className="mt-2 overflow-x-auto text-xs">{JSON.stringify(submitted, null, 2)}</pre>
          </Alert>
        ) : null}
      </div>
    </div>
  );
}
