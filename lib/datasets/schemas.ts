import { z } from "zod";
import { ZTime } from "@/lib/traces/answers";
import { SPLIT_NAME } from "./content";

// What the dataset routes take and answer.

const ZJsonValue = z.unknown().refine((v) => v !== undefined, "Give a JSON value");
const ZInput = z.unknown().refine((v) => v !== undefined && v !== null, "Give the input: text, messages or an object");
const ZJsonObject = z.record(z.string(), z.unknown());
const ZSplit = z.string().max(100).regex(SPLIT_NAME, "Split names are dotted words, such as test or eval.hard");
const ZTag = z.string().trim().min(1).max(100);
const ZJsonSchema = ZJsonObject.nullable().describe("A JSON Schema (draft 2020-12 or 7) the value must satisfy; null for none");

export const ZDatasetCreate = z.object({
  name: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[\w][\w .:@+-]*$/, "Letters, digits, spaces and . : @ + - _, starting with a letter or digit"),
  description: z.string().max(5000).default(""),
  inputSchema: ZJsonSchema.default(null),
  expectedSchema: ZJsonSchema.default(null),
});
export type TDatasetCreate = z.infer<typeof ZDatasetCreate>;

export const ZDatasetUpdate = z.object({
  description: z.string().max(5000).optional(),
  inputSchema: ZJsonSchema.optional(),
  expectedSchema: ZJsonSchema.optional(),
  archived: z.boolean().optional(),
});
export type TDatasetUpdate = z.infer<typeof ZDatasetUpdate>;

/** One item to add. The server records where it came from; lineage cannot be sent. */
export const ZItemAdd = z.object({
  portableId: z.uuid().optional().describe("Kept through export and import; generated when omitted"),
  input: ZInput,
  expectedOutput: z.unknown().default(null),
  preference: z.object({ preferred: ZJsonValue, rejected: ZJsonValue }).nullable().default(null),
  metadata: ZJsonObject.default({}),
  splits: z.array(ZSplit).max(20).default([]),
  tags: z.array(ZTag).max(50).default([]),
  exact: z.boolean().default(false).describe("The expected output is exact text to match"),
});
export type TItemAdd = z.infer<typeof ZItemAdd>;

export const ZItemsAdd = z.object({
  items: z.array(z.unknown()).min(1).max(1000).describe("Each checked on its own: one result per item"),
  duplicates: z.enum(["skip", "keep"]).default("skip").describe("What to do with an item whose input matches an existing one"),
});
export type TItemsAdd = z.infer<typeof ZItemsAdd>;

export const ZItemRevise = z
  .object({
    input: ZInput.optional(),
    expectedOutput: z.unknown().optional(),
    preference: z.object({ preferred: ZJsonValue, rejected: ZJsonValue }).nullable().optional(),
    metadata: ZJsonObject.optional(),
    splits: z.array(ZSplit).max(20).optional(),
    tags: z.array(ZTag).max(50).optional(),
    exact: z.boolean().optional(),
    archived: z.boolean().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), "Change at least one field");
export type TItemRevise = z.infer<typeof ZItemRevise>;

export const ZDatasetDelete = z.object({
  confirm: z.string().max(200).describe("The dataset's exact name, typed by the person deleting it"),
});

export const ZPublish = z.object({ note: z.string().max(2000).default("") });
export const ZTagMove = z.object({ version: z.number().int().min(1) });
export const ZVersionRef = z.union([z.string().regex(/^\d+$/).transform(Number), z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,49}$/)]);

export const ZExportQuery = z.object({
  format: z.enum(["jsonl", "csv", "openai-chat", "openai-preference", "openai-evals", "promptfoo", "promptfoo-json", "mlflow", "hf"]).default("jsonl"),
  split: ZSplit.optional(),
});
export type TExportQuery = z.infer<typeof ZExportQuery>;

export const ZItemsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(200).optional(),
  archived: z.enum(["true", "false"]).default("false"),
  split: ZSplit.optional().describe("Only the items in this split"),
});

// Answers

export const ZDataset = z.strictObject({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  inputSchema: ZJsonObject.nullable(),
  expectedSchema: ZJsonObject.nullable(),
  archived: z.boolean(),
  createdAt: ZTime,
  items: z.number().int().describe("Current, unarchived items"),
  latestVersion: z.number().int().nullable(),
  tags: z.record(z.string(), z.number().int()).describe("Version tags: name → version number"),
});
export type TDataset = z.infer<typeof ZDataset>;
export const ZDatasetList = z.strictObject({ datasets: z.array(ZDataset) });

export const ZItemResult = z.strictObject({
  index: z.number().int(),
  status: z.enum(["added", "duplicate", "rejected"]),
  itemId: z.uuid().optional(),
  portableId: z.uuid().optional(),
  duplicateOf: z.uuid().optional().describe("The portable id of the item with the same normalized input"),
  code: z.string().optional(),
  message: z.string().optional(),
  errors: z.array(z.strictObject({ path: z.string(), message: z.string() })).optional(),
});
export type TItemResult = z.infer<typeof ZItemResult>;
export const ZItemsAddAnswer = z.strictObject({
  results: z.array(ZItemResult),
  added: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.number().int(),
});

export const ZItem = z.strictObject({
  id: z.uuid(),
  portableId: z.uuid(),
  revision: z.number().int(),
  revisionId: z.uuid(),
  input: z.unknown(),
  expectedOutput: z.unknown(),
  preference: z.strictObject({ preferred: z.unknown(), rejected: z.unknown() }).nullable(),
  metadata: ZJsonObject,
  splits: z.array(z.string()),
  tags: z.array(z.string()),
  exact: z.boolean(),
  lineage: ZJsonObject.nullable(),
  archived: z.boolean(),
  redacted: z.boolean(),
  updatedAt: ZTime,
});
export type TItem = z.infer<typeof ZItem>;
export const ZItemList = z.strictObject({ items: z.array(ZItem), nextCursor: z.string().nullable() });

export const ZVersion = z.strictObject({
  id: z.uuid(),
  number: z.number().int(),
  note: z.string(),
  checksum: z.string(),
  itemCount: z.number().int(),
  splitCounts: z.record(z.string(), z.number().int()),
  sources: ZJsonObject,
  tags: z.array(z.string()),
  redacted: z.boolean(),
  redaction: z.string().nullable().describe("Why the version was redacted: the end user deletions that reached its items"),
  createdAt: ZTime,
});
export type TVersion = z.infer<typeof ZVersion>;
export const ZVersionList = z.strictObject({ versions: z.array(ZVersion) });

// Version diff

export const ZDiffQuery = z.object({
  from: ZVersionRef.describe("The version to compare from: its number or a tag"),
  to: ZVersionRef.describe("The version to compare to: its number or a tag"),
  limit: z.coerce.number().int().min(1).max(1000).default(200).describe("Entries per page, across the three lists"),
  cursor: z.uuid().optional().describe("The `nextCursor` of the page before"),
});
export type TDiffQuery = z.infer<typeof ZDiffQuery>;

const ZDiffSide = z.strictObject({ number: z.number().int(), checksum: z.string(), tags: z.array(z.string()) });
const ZDiffItem = ZItem.pick({ input: true, expectedOutput: true, preference: true, metadata: true, splits: true, tags: true, exact: true, lineage: true });
const ZFieldChange = z.strictObject({
  path: z.string().describe("A JSON Pointer (RFC 6901) into the item's content"),
  op: z.enum(["add", "remove", "replace"]),
  from: z.unknown().optional(),
  to: z.unknown().optional(),
});

export const ZDatasetDiff = z.strictObject({
  from: ZDiffSide,
  to: ZDiffSide,
  summary: z.strictObject({ added: z.number().int(), removed: z.number().int(), changed: z.number().int(), unchanged: z.number().int() }),
  added: z.array(z.strictObject({ portableId: z.uuid(), item: ZDiffItem })),
  removed: z.array(z.strictObject({ portableId: z.uuid(), item: ZDiffItem })),
  changed: z.array(z.strictObject({ portableId: z.uuid(), fromRevision: z.number().int(), toRevision: z.number().int(), fields: z.array(ZFieldChange) })),
  nextCursor: z.string().nullable(),
});
export type TDatasetDiff = z.infer<typeof ZDatasetDiff>;

export const ZDatasetDeleted = z.strictObject({
  deleted: z.strictObject({ id: z.uuid(), name: z.string(), items: z.number().int(), versions: z.number().int() }),
});

export const ZItemRevision = ZItem.pick({
  revision: true,
  input: true,
  expectedOutput: true,
  preference: true,
  metadata: true,
  splits: true,
  tags: true,
  exact: true,
  archived: true,
  redacted: true,
}).extend({
  author: z.string().nullable().describe("The member's name, or the API key's name, who made the revision"),
  createdAt: ZTime,
});
export type TItemRevision = z.infer<typeof ZItemRevision>;
export const ZItemHistory = z.strictObject({
  item: ZItem,
  revisions: z.array(ZItemRevision).describe("Newest first"),
  sourceTrace: z.string().nullable().describe("The external id of the trace the item came from, while that trace exists"),
});
