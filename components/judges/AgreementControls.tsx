"use client";

import { usePathname, useRouter } from "next/navigation";
import { useId } from "react";

interface Props {
  versions: string[];
  version: string;
  criteria: { key: string; label: string }[];
  criterion: string;
  reference: string;
  against: string | null;
  /** External judges have no versions of ours to compare. */
  external: boolean;
}

const REFERENCES = [
  { value: "gold", label: "Gold (adjudicated, then reference)" },
  { value: "consensus", label: "Consensus of the raters" },
  { value: "any", label: "Any single rater (the earliest)" },
];

const selectClass = "rounded-md border border-slate-300 px-2 py-1 text-sm";

/** The report's choices, kept in the address so a report can be linked as seen. */
export function AgreementControls(props: Props) {
  const router = useRouter();
  const path = usePathname();
  const id = useId();
  const go = (change: Record<string, string | null>) => {
    const next = { version: props.version, criterion: props.criterion, reference: props.reference, against: props.against, ...change };
    const query = new URLSearchParams(Object.entries(next).filter((e): e is [string, string] => !!e[1]));
    router.push(`${path}?${query}`);
  };
  const references = REFERENCES.some((r) => r.value === props.reference) ? REFERENCES : [...REFERENCES, { value: props.reference, label: props.reference }];
  return (
    <div className="flex flex-wrap items-end gap-4 text-sm" data-testid="agreement-controls">
      <div className="space-y-1">
        <label htmlFor={`${id}-version`} className="block font-medium text-slate-700">
          Version
        </label>
        <select id={`${id}-version`} className={selectClass} value={props.version} onChange={(e) => go({ version: e.target.value })}>
          {props.versions.map((v) => (
            <option key={v} value={v}>
              {v || "(no version)"}
            </option>
          ))}
        </select>
      </div>
      <div className="space-y-1">
        <label htmlFor={`${id}-criterion`} className="block font-medium text-slate-700">
          Criterion
        </label>
        <select id={`${id}-criterion`} className={selectClass} value={props.criterion} onChange={(e) => go({ criterion: e.target.value })}>
          {props.criteria.map((c) => (
            <option key={c.key} value={c.key}>
              {c.label} ({c.key})
            </option>
          ))}
        </select>
      </div>
      <div className="space-y-1">
        <label htmlFor={`${id}-reference`} className="block font-medium text-slate-700">
          Reference
        </label>
        <select id={`${id}-reference`} className={selectClass} value={props.reference} onChange={(e) => go({ reference: e.target.value })}>
          {references.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
      </div>
      {props.external ? null : (
        <div className="space-y-1">
          <label htmlFor={`${id}-against`} className="block font-medium text-slate-700">
            Compare with
          </label>
          <select id={`${id}-against`} className={selectClass} value={props.against ?? ""} onChange={(e) => go({ against: e.target.value || null })}>
            <option value="">No other version</option>
            {props.versions
              .filter((v) => v !== props.version)
              .map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
          </select>
        </div>
      )}
    </div>
  );
}
