import type { TItemContent } from "./content";

// What changed inside one item between two revisions, as JSON Pointer (RFC 6901) paths into
// its content. Pure: the version diff (./diff.ts) runs it only on the page of changed items
// it answers, never over a whole version.

export interface TFieldChange {
  path: string;
  op: "add" | "remove" | "replace";
  from?: unknown;
  to?: unknown;
}

/** An item's content without its portable id: what the diff shows of an added or removed item. */
export type TDiffItem = Omit<TItemContent, "portableId">;

/** RFC 6901 §3: `~` is written `~0` and `/` is written `~1` inside a reference token. */
export const pointerToken = (key: string) => key.replaceAll("~", "~0").replaceAll("/", "~1");

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && sameValue(a[k], b[k]));
  }
  return false;
}

/** Changes from `a` to `b` under `path`: objects by key, arrays by position, anything else replaced whole. */
function walk(path: string, a: unknown, b: unknown, out: TFieldChange[]): void {
  if (sameValue(a, b)) return;
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const key of keys) {
      const at = `${path}/${pointerToken(key)}`;
      if (!(key in b)) out.push({ path: at, op: "remove", from: a[key] });
      else if (!(key in a)) out.push({ path: at, op: "add", to: b[key] });
      else walk(at, a[key], b[key], out);
    }
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const common = Math.min(a.length, b.length);
    for (let i = 0; i < common; i++) walk(`${path}/${i}`, a[i], b[i], out);
    for (let i = common; i < b.length; i++) out.push({ path: `${path}/${i}`, op: "add", to: b[i] });
    // Removed from the end backwards, so each path is right when the changes are applied in order.
    for (let i = a.length - 1; i >= common; i--) out.push({ path: `${path}/${i}`, op: "remove", from: a[i] });
    return;
  }
  out.push({ path, op: "replace", from: a, to: b });
}

const asSet = (values: string[]) => [...new Set(values)].sort();

/** The content fields in the order a diff lists them. */
const FIELDS = ["input", "expectedOutput", "preference", "metadata", "splits", "tags", "exact", "lineage"] as const;

/**
 * The changes between two revisions of an item. Splits and tags are sets: a change replaces the
 * whole (sorted) list rather than naming positions that mean nothing. Everything else, lineage
 * included, is compared deeply.
 */
export function fieldChanges(from: TDiffItem, to: TDiffItem): TFieldChange[] {
  const out: TFieldChange[] = [];
  for (const field of FIELDS) {
    if (field === "splits" || field === "tags") {
      const [a, b] = [asSet(from[field]), asSet(to[field])];
      if (!sameValue(a, b)) out.push({ path: `/${field}`, op: "replace", from: a, to: b });
    } else walk(`/${field}`, from[field] ?? null, to[field] ?? null, out);
  }
  return out;
}
