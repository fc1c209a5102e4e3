import type { TDatasetDiff } from "./schemas";

// A version diff as a short Markdown summary, for a pull request or a release note: a heading,
// the counts, and the first few portable ids of each list (changed ones with the paths that
// changed). Pure: the CLI hands it the pages it fetched.

const MAX_PATHS = 5;

const refOf = (side: TDatasetDiff["from"]) => `v${side.number}${side.tags.length ? ` (${side.tags.join(", ")})` : ""}`;
const more = (shown: number, total: number) => (total > shown ? [`- … and ${total - shown} more`] : []);
const code = (text: string) => `\`${text.replaceAll("`", "'")}\``;

function section(title: string, lines: string[], total: number): string[] {
  if (!total) return [];
  return ["", `### ${title}`, "", ...lines, ...more(lines.length, total)];
}

/** `limit`: how many portable ids each list shows at most. */
export function diffMarkdown(diff: TDatasetDiff, datasetName: string, limit = 20): string {
  const { summary } = diff;
  const changed = diff.changed.slice(0, limit).map((c) => {
    const paths = [...new Set(c.fields.map((f) => f.path))];
    const listed = paths.slice(0, MAX_PATHS).map(code).join(", ");
    const rest = paths.length > MAX_PATHS ? ` and ${paths.length - MAX_PATHS} more` : "";
    return `- ${code(c.portableId)} r${c.fromRevision} → r${c.toRevision}: ${paths.length ? `${listed}${rest}` : "no content change"}`;
  });
  const ids = (list: { portableId: string }[]) => list.slice(0, limit).map((entry) => `- ${code(entry.portableId)}`);
  const same = diff.from.checksum === diff.to.checksum;
  return [
    `## ${datasetName}: ${refOf(diff.from)} → ${refOf(diff.to)}`,
    "",
    "| added | removed | changed | unchanged |",
    "| ---: | ---: | ---: | ---: |",
    `| ${summary.added} | ${summary.removed} | ${summary.changed} | ${summary.unchanged} |`,
    "",
    same ? `Same content: checksum ${code(diff.to.checksum)}.` : `Checksums ${code(diff.from.checksum)} → ${code(diff.to.checksum)}.`,
    ...section("Changed", changed, summary.changed),
    ...section("Added", ids(diff.added), summary.added),
    ...section("Removed", ids(diff.removed), summary.removed),
    "",
  ].join("\n");
}
