// What changed between two versions of a rubric, criterion by criterion (matched by key),
// field by field. Shown side by side in the UI; pure so it can be tested without a database.

export interface TDiffCriterion {
  key: string;
  label: string;
  question: string;
  guidance: string;
  required: boolean;
  type: string;
  measurementLevel: string;
  config: unknown;
}

export interface TDiffSide {
  guidelines: string;
  criteria: TDiffCriterion[];
}

export interface TFieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export type TCriterionDiff =
  | { key: string; status: "added"; after: TDiffCriterion }
  | { key: string; status: "removed"; before: TDiffCriterion }
  | { key: string; status: "changed" | "unchanged"; before: TDiffCriterion; after: TDiffCriterion; changes: TFieldChange[]; moved: boolean };

export interface TVersionDiff {
  guidelinesChanged: boolean;
  criteria: TCriterionDiff[];
  /** True when nothing at all differs. */
  same: boolean;
}

const FIELDS = ["label", "question", "guidance", "required", "type", "measurementLevel"] as const;

/** A stable text form of a value: object keys sorted, so key order in jsonb never shows as a change. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Changes inside a config, one entry per leaf path (`levels.2.description`). */
function configChanges(before: unknown, after: unknown, path: string, out: TFieldChange[]): void {
  const isObj = (v: unknown) => v !== null && typeof v === "object";
  if (isObj(before) && isObj(after) && Array.isArray(before) === Array.isArray(after)) {
    const keys = new Set([...Object.keys(before as object), ...Object.keys(after as object)]);
    for (const k of [...keys].sort()) configChanges((before as Record<string, unknown>)[k], (after as Record<string, unknown>)[k], `${path}.${k}`, out);
    return;
  }
  if (canonical(before) !== canonical(after)) out.push({ field: path, before: before ?? null, after: after ?? null });
}

export function diffVersions(from: TDiffSide, to: TDiffSide): TVersionDiff {
  const fromKeys = from.criteria.map((c) => c.key);
  const toKeys = to.criteria.map((c) => c.key);
  const byKey = new Map(from.criteria.map((c) => [c.key, c]));
  const result: TCriterionDiff[] = [];
  // Order of the newer version first, removed criteria after.
  const common = toKeys.filter((k) => byKey.has(k));
  const fromCommon = fromKeys.filter((k) => toKeys.includes(k));
  for (const after of to.criteria) {
    const before = byKey.get(after.key);
    if (!before) {
      result.push({ key: after.key, status: "added", after });
      continue;
    }
    const changes: TFieldChange[] = [];
    for (const f of FIELDS) if (before[f] !== after[f]) changes.push({ field: f, before: before[f], after: after[f] });
    configChanges(before.config, after.config, "config", changes);
    const moved = common.indexOf(after.key) !== fromCommon.indexOf(after.key);
    result.push({ key: after.key, status: changes.length > 0 || moved ? "changed" : "unchanged", before, after, changes, moved });
  }
  for (const before of from.criteria) if (!toKeys.includes(before.key)) result.push({ key: before.key, status: "removed", before });
  const guidelinesChanged = from.guidelines !== to.guidelines;
  return { guidelinesChanged, criteria: result, same: !guidelinesChanged && result.every((c) => c.status === "unchanged") };
}
