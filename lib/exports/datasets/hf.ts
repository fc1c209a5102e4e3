import { Zip, ZipDeflate } from "fflate";
import { stringify } from "yaml";
import type { TItemContent } from "@/lib/datasets/content";
import type { TExportContext } from "./context";

// A Hugging Face dataset repository as a zip: one JSONL file per split under `data/`, and a
// README.md whose YAML front matter declares the files per split (`configs`), the features
// and split sizes (`dataset_info`), and `annotations_creators: [expert-generated]`, followed by
// a section on where the labels came from. A field the dataset gives no schema for is written
// as a string (JSON when it is not text), so every row of a column has one type; with a schema,
// the value is written as it is and its feature follows the schema.

/** Items in no split go to this one (`train` when the dataset has no splits at all). */
export const UNSPLIT = "unsplit";

export interface THfSplit {
  name: string;
  items: () => AsyncIterable<TItemContent>;
}

const asString = (value: unknown) => (value === null || value === undefined ? null : typeof value === "string" ? value : JSON.stringify(value));

export function hfRow(item: TItemContent, ctx: Pick<TExportContext, "dataset">): Record<string, unknown> {
  const { inputSchema, expectedSchema } = ctx.dataset;
  const row: Record<string, unknown> = {
    id: item.portableId,
    input: inputSchema ? item.input : asString(item.input),
    expected_output: expectedSchema ? (item.expectedOutput ?? null) : asString(item.expectedOutput),
  };
  row.preferred_output = item.preference ? asString(item.preference.preferred) : null;
  row.rejected_output = item.preference ? asString(item.preference.rejected) : null;
  row.tags = item.tags;
  return row;
}

type Feature = Record<string, unknown>;

/** The `datasets` feature for a JSON Schema, as far as simple types go; anything else is a string. */
export function featureOf(schema: Record<string, unknown> | null): Feature | string {
  const type = schema?.type;
  if (type === "string") return "string";
  if (type === "integer") return "int64";
  if (type === "number") return "float64";
  if (type === "boolean") return "bool";
  if (type === "array" && typeof schema?.items === "object") {
    const inner = featureOf(schema.items as Record<string, unknown>);
    return { list: inner };
  }
  if (type === "object" && typeof schema?.properties === "object") {
    const properties = schema.properties as Record<string, Record<string, unknown>>;
    return { struct: Object.entries(properties).map(([name, sub]) => ({ name, ...dtype(featureOf(sub)) })) };
  }
  return "string";
}

const dtype = (feature: Feature | string) => (typeof feature === "string" ? { dtype: feature } : feature);

export interface THfSplitSize {
  name: string;
  examples: number;
  bytes: number;
}

const sizeCategory = (n: number) => (n < 1_000 ? "n<1K" : n < 10_000 ? "1K<n<10K" : n < 100_000 ? "10K<n<100K" : n < 1_000_000 ? "100K<n<1M" : "1M<n<10M");

/** The dataset card: YAML front matter the Hub reads, then prose on provenance. */
export function hfCard(ctx: TExportContext, splits: THfSplitSize[]): string {
  const { dataset, version, provenance } = ctx;
  const total = splits.reduce((n, s) => n + s.examples, 0);
  const front = {
    pretty_name: dataset.name,
    annotations_creators: ["expert-generated"],
    size_categories: [sizeCategory(total)],
    configs: [{ config_name: "default", data_files: splits.map((s) => ({ split: s.name, path: `data/${s.name}.jsonl` })) }],
    dataset_info: {
      features: [
        { name: "id", dtype: "string" },
        { name: "input", ...dtype(dataset.inputSchema ? featureOf(dataset.inputSchema) : "string") },
        { name: "expected_output", ...dtype(dataset.expectedSchema ? featureOf(dataset.expectedSchema) : "string") },
        { name: "preferred_output", dtype: "string" },
        { name: "rejected_output", dtype: "string" },
        { name: "tags", list: "string" },
      ],
      splits: splits.map((s) => ({ name: s.name, num_bytes: s.bytes, num_examples: s.examples })),
      dataset_size: splits.reduce((n, s) => n + s.bytes, 0),
    },
  };
  const agreement = provenance.agreement.length
    ? provenance.agreement.map((a) => `- \`${a.criterion}\`: Krippendorff's α ${a.alpha === null ? "undefined" : a.alpha.toFixed(3)}`).join("\n")
    : "- No agreement figures were recorded with this version.";
  const prose = [
    `# ${dataset.name}`,
    "",
    dataset.description ?? "",
    "",
    "## Provenance",
    "",
    `Version ${version.number} of a golden dataset curated in Assay, content checksum \`${version.checksum}\`${version.note ? `: ${version.note}` : "."}`,
    version.redacted ? "\nSome items were redacted after an end user's data was deleted; their content is replaced by a notice.\n" : "",
    `Labels come from ${provenance.experts} expert rater${provenance.experts === 1 ? "" : "s"}${provenance.rubricVersions.length ? ` under the rubric versions ${provenance.rubricVersions.map((r) => `\`${r}\``).join(", ")}` : ""}; ${provenance.adjudicated} item${provenance.adjudicated === 1 ? " was" : "s were"} settled by an adjudicator.`,
    "",
    "Agreement between the raters, per criterion:",
    "",
    agreement,
    "",
  ];
  return `---\n${stringify(front, { lineWidth: 0 })}---\n\n${prose.join("\n")}`;
}

/**
 * The zip, produced as it is read: each split's items are pulled from their source only when
 * the zip reaches that file, and compressed bytes are handed on as they come, so memory holds
 * one item and the compressor's window whatever the size.
 */
export async function* hfZip(ctx: TExportContext, splits: THfSplit[]): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  const pending: Uint8Array[] = [];
  let failure: Error | null = null;
  // fflate compresses synchronously on push, so its output is here by the time push returns.
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else pending.push(chunk);
  });
  function* drain() {
    if (failure) throw failure;
    while (pending.length) yield pending.shift() as Uint8Array;
  }
  const sizes: THfSplitSize[] = [];
  for (const split of splits) {
    const file = new ZipDeflate(`data/${split.name}.jsonl`, { level: 6 });
    zip.add(file);
    let examples = 0;
    let bytes = 0;
    for await (const item of split.items()) {
      const line = encoder.encode(`${JSON.stringify(hfRow(item, ctx))}\n`);
      file.push(line);
      examples++;
      bytes += line.byteLength;
      yield* drain();
    }
    file.push(new Uint8Array(0), true);
    sizes.push({ name: split.name, examples, bytes });
    yield* drain();
  }
  const card = new ZipDeflate("README.md", { level: 6 });
  zip.add(card);
  card.push(encoder.encode(hfCard(ctx, sizes)), true);
  zip.end();
  yield* drain();
}
