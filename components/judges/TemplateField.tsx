"use client";

import { TEMPLATE_VARIABLES, defaultTemplate } from "@/lib/judge-versions/default-template";
import { TemplateError, type TJudgeMode, parseTemplate } from "@/lib/judges/template";
import { Button } from "@/components/ui/Button";

function parseError(template: string, mode: TJudgeMode): string | null {
  if (!template) return null;
  try {
    parseTemplate(template, mode);
    return null;
  } catch (error) {
    return error instanceof TemplateError ? error.message : "The template cannot be read";
  }
}

/** The prompt template: the variables its mode allows, a default to start from, and parse errors as they are typed. */
export function TemplateField({ mode, value, onChange, disabled }: { mode: TJudgeMode; value: string; onChange: (v: string) => void; disabled?: boolean }) {
  const error = parseError(value, mode);
  return (
    <div className="space-y-1">
      <div className="flex items-end justify-between">
        <label htmlFor="judge-template" className="block text-sm font-medium text-slate-700">
          Template
        </label>
        {disabled ? null : (
          <Button type="button" variant="secondary" onClick={() => onChange(defaultTemplate(mode))}>
            Use default template
          </Button>
        )}
      </div>
      <textarea
        id="judge-template"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        readOnly={disabled}
        rows={16}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "judge-template-error" : "judge-template-variables"}
        className="w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-xs shadow-sm"
      />
      {error ? (
        <p id="judge-template-error" role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <div id="judge-template-variables" className="text-xs text-slate-600">
        <p>Variables for a {mode === "pairwise" ? "pairwise" : "single-trace"} judge (values are inserted as data, never expanded again):</p>
        <ul aria-label="Template variables" className="mt-1 grid grid-cols-2 gap-x-4">
          {TEMPLATE_VARIABLES[mode].map((v) => (
            <li key={v.name}>
              <code className="font-mono">{`{{${v.name}}}`}</code> {v.means}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
