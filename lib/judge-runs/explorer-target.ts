import { SELECTION_MAX } from "@/lib/traces/schemas";
import { filterWords } from "@/lib/traces/filter-words";
import { filterParams } from "@/lib/traces/url";

// The explorer hands a judge's run page its selection in the address: the checked traces as
// `traceIds=<id>,<id>…`, or `match=all` with the explorer's own filter fields. Written and read
// here only, so the two sides cannot drift. Pure: the server resolves the traces when the run starts.

/** The checked traces, or every trace matching the filter (its URL fields, as the explorer has them). */
export type TExplorerSelection = { traceIds: string[] } | { filter: Record<string, string> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The run page of a judge version with the selection as its target. */
export function runFromExplorerHref(slug: string, judgeName: string, version: number, selection: TExplorerSelection): string {
  const query = new URLSearchParams({ version: String(version) });
  if ("traceIds" in selection) query.set("traceIds", selection.traceIds.join(","));
  else {
    query.set("match", "all");
    for (const [key, value] of Object.entries(filterParams(selection.filter))) query.set(key, value);
  }
  return `/p/${slug}/judges/${encodeURIComponent(judgeName)}/runs/new?${query}`;
}

/** The selection the address carries, with how the page says it; null when it carries none. */
export function explorerTarget(search: Record<string, string>): { selection: TExplorerSelection; words: string } | null {
  if (search.match === "all") {
    const filter = filterParams(search);
    return { selection: { filter }, words: Object.keys(filter).length ? `traces matching: ${filterWords(filter)}` : "every trace in the project" };
  }
  const traceIds = [...new Set((search.traceIds ?? "").split(",").filter((id) => UUID.test(id)))].slice(0, SELECTION_MAX);
  if (traceIds.length === 0) return null;
  return { selection: { traceIds }, words: `${traceIds.length} selected trace${traceIds.length === 1 ? "" : "s"}` };
}
