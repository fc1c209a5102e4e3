import type { ApiDocs } from "@/lib/http/openapi-parts";
import { ZDataset, ZDatasetDiff, ZItem, ZItemAdd, ZItemsAdd, ZVersion } from "./schemas";

// The words of the dataset operations of the OpenAPI document (lib/http/openapi.ts); their
// parameters and answers come from the routes' schemas.

const dataset = { datasetId: "The dataset's id" };

export const datasetDocs: ApiDocs = {
  requests: { DatasetItemAdd: ZItemAdd, DatasetItemsAdd: ZItemsAdd },
  answers: { Dataset: ZDataset, DatasetItem: ZItem, DatasetVersion: ZVersion, DatasetDiff: ZDatasetDiff },
  operations: {
    "get /api/v1/datasets": { summary: "The project's golden datasets, archived ones last (FULL key)" },
    "post /api/v1/datasets": {
      summary: "Create a dataset (FULL key)",
      description:
        "The name is unique in the project. Optional JSON Schemas for the input and the expected output are checked when items are added, revised and published.",
    },
    "get /api/v1/datasets/{datasetId}": { summary: "One dataset (FULL key)", params: dataset },
    "patch /api/v1/datasets/{datasetId}": { summary: "Change a dataset's description or schemas, archive it or bring it back (FULL key)", params: dataset },
    "delete /api/v1/datasets/{datasetId}": {
      summary: "Delete a dataset: refused to every API key (403)",
      description:
        'Deleting a dataset removes its items, revisions, published versions and tags. Only an ADMIN signed in may do it, from the dataset\'s page or `DELETE /api/projects/{slug}/datasets/{datasetId}` with `{"confirm": "<the dataset\'s exact name>"}` (400 `confirmation_mismatch` otherwise). Keys never hold the permission, so a leaked key cannot destroy published versions.',
      params: dataset,
    },
    "get /api/v1/datasets/{datasetId}/items": {
      summary: "The current revision of each item, by portable id, a page at a time (FULL key)",
      params: dataset,
    },
    "post /api/v1/datasets/{datasetId}/items": {
      summary: "Add up to 1,000 items; one result per item (FULL key)",
      description:
        "Each item is checked on its own against the request schema and the dataset's JSON Schemas (a failure names the path); the valid ones are written in one transaction. An item whose normalized input (case, spacing and punctuation aside) matches a current item is reported as a duplicate naming that item, and skipped unless `duplicates` is `keep`.",
      params: dataset,
      answers: "207: one result per item, in order",
    },
    "patch /api/v1/datasets/{datasetId}/items/{itemId}": {
      summary: "Change an item by appending a revision; archive it with `archived: true` (FULL key)",
      params: { ...dataset, itemId: "The item's id" },
    },
    "get /api/v1/datasets/{datasetId}/versions": { summary: "The dataset's published versions, newest first (FULL key)", params: dataset },
    "post /api/v1/datasets/{datasetId}/versions": {
      summary: "Publish a version: freeze the current revisions of the unarchived items (FULL key)",
      description:
        "Every item is validated against the dataset's schemas first (a 422 lists the failures). The version records its item count, counts per split, where its labels came from, and a content checksum: SHA-256 over the RFC 8785 canonical JSON of its items sorted by portable id, without ids of rows or revisions, times or authors. A published version never changes.",
      params: dataset,
    },
    "put /api/v1/datasets/{datasetId}/tags/{tag}": {
      summary: "Point a tag (prod, candidate, …) at a version (FULL key)",
      params: { ...dataset, tag: "A name starting with a letter; wherever a version is asked for, the tag resolves to it" },
    },
    "get /api/v1/datasets/{datasetId}/versions/{version}/export": {
      summary: "A published version as a streamed download in one of the export formats (FULL key)",
      description:
        "Formats: `jsonl` (lossless, with lineage and portable ids), `csv` (formula-looking cells neutralized), `openai-chat`, `openai-preference`, `openai-evals`, `promptfoo` (YAML) and `promptfoo-json`, `mlflow`, and `hf` (a zip with one JSONL file per split and a dataset card). The `X-Assay-Checksum` header carries the version's checksum.",
      params: { ...dataset, version: "The version's number, or a tag" },
      responses: {
        "200": {
          description: "An attachment `<dataset>-v<n>[-<split>].<ext>`: the dataset's name, other characters than letters, digits, `.`, `-` and `_` as `-`",
          content: {
            "application/x-ndjson": { schema: { type: "string" } },
            "text/csv": { schema: { type: "string" } },
            // promptfoo-json is one JSON array of test cases, sent as application/json.
            "application/yaml": { schema: { type: "string" } },
            "application/zip": { schema: { type: "string", format: "binary" } },
          },
        },
      },
    },
    "get /api/v1/datasets/{datasetId}/diff": {
      summary: "What changed between two published versions: items added, removed and changed, field by field (FULL key)",
      description:
        "`from` and `to` take a version's number or a tag. An item is changed when both versions hold it at different revisions; each change names a JSON Pointer (RFC 6901) into the item's content (`/expectedOutput/text`, `/lineage/labels/0/value`) with `op` `add`, `remove` or `replace`. Splits and tags are sets, replaced whole. The three lists are ordered by portable id and paged together (`limit`, default 200, at most 1,000; pass `nextCursor` back as `cursor`); `summary` counts every item whatever the page.",
      params: dataset,
    },
  },
};
