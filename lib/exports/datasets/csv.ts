import { stringify } from "csv-stringify/sync";
import type { TItemContent } from "@/lib/datasets/content";
import { neutralizeCell } from "@/lib/exports/csv-cell";
import type { TLineFormat } from "./context";
import { plainText } from "./shapes";

// A flat table for spreadsheets: text stays text, anything structured is JSON in its cell,
// and every cell is neutralized against formula injection.

export const DATASET_CSV_COLUMNS = [
  "portableId",
  "input",
  "expectedOutput",
  "preferredOutput",
  "rejectedOutput",
  "splits",
  "tags",
  "exact",
  "metadata",
  "sourceTraceId",
  "labels",
] as const;

const json = (value: unknown) => (value === null || value === undefined ? "" : JSON.stringify(value));
const textOrJson = (value: unknown) => (typeof value === "string" ? value : json(value));

function cells(item: TItemContent): string[] {
  const raw = [
    item.portableId,
    plainText(item.input) ?? json(item.input),
    textOrJson(item.expectedOutput),
    item.preference ? textOrJson(item.preference.preferred) : "",
    item.preference ? textOrJson(item.preference.rejected) : "",
    json(item.splits),
    json(item.tags),
    item.exact ? "true" : "false",
    json(item.metadata),
    item.lineage?.traceId ?? "",
    item.lineage ? json(item.lineage.labels) : "",
  ];
  return raw.map((text) => neutralizeCell(text, text));
}

export const datasetCsv: TLineFormat = {
  name: "csv",
  contentType: "text/csv; charset=utf-8",
  extension: "csv",
  begin: () => stringify([[...DATASET_CSV_COLUMNS]]),
  item: (item) => stringify([cells(item)]),
  end: () => "",
};
