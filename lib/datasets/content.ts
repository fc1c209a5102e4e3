import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical-json";

// What a golden dataset item is, apart from where it is stored: the content every export
// format is made from, and the content a version's checksum covers. Pure: no database here.

/** Where a label value in an item's lineage came from. */
export type TLabelProvenance = "gold" | "reference" | "consensus" | "label";

/** One label value copied into an item's lineage (copied, not linked: labels go with their trace). */
export interface TLineageLabel {
  criterionKey: string;
  rubricVersionId: string | null;
  value: unknown;
  provenance: TLabelProvenance;
  /** Raters (or the adjudicator) named as the source exposes them: user ids, API key ids or external names. */
  raters: string[];
  adjudicated: boolean;
}

export interface TLineage {
  traceId: string | null;
  spanId: string | null;
  /** The second trace of a pairwise item. */
  traceBId: string | null;
  queueId: string | null;
  queueItemId: string | null;
  labels: TLineageLabel[];
  /** How the item arrived: a promotion rule, the explorer, the API, an import or by hand. */
  via: "rule" | "traces" | "api" | "import" | "hand";
  /** An agreement gate overridden by an ADMIN, with the reason they wrote. */
  gateOverride: string | null;
  /** Set when an end user's deletion redacted the content copied from their traces. */
  redacted: string | null;
  /** Items from a queue: the promotion rule that selected them and the agreement gate's verdict then. */
  rule?: unknown;
  gate?: unknown;
  /** Items from traces and queues: who added them (`user:<id>` or `key:<id>`) and when. */
  addedBy?: string;
  addedAt?: string;
}

/** A preference pair's two outputs, from a pairwise item. */
export interface TPreference {
  preferred: unknown;
  rejected: unknown;
}

export interface TItemContent {
  /** A UUID kept through export and import. */
  portableId: string;
  input: unknown;
  expectedOutput: unknown;
  /** Set on preference pairs only; their expected output is null. */
  preference: TPreference | null;
  metadata: Record<string, unknown>;
  splits: string[];
  tags: string[];
  /** Marked by the rule that made the item: the expected output is exact text to match. */
  exact: boolean;
  lineage: TLineage | null;
}

/** An item's content as the database gives it with its JSON values as text (null: SQL NULL), for exports that copy the text. */
export interface TContentTextRow {
  portableId: string;
  input: string | null;
  expectedOutput: string | null;
  preference: string | null;
  metadata: string | null;
  splits: string[];
  tags: string[];
  exact: boolean;
  lineage: string | null;
}

/** Split names: `train`, `dev`, `test` or custom, dotted words. */
export const SPLIT_NAME = /^\w+(\.\w+)*$/;

/**
 * The part of an item a checksum covers: everything that is content, nothing that is
 * bookkeeping (row and revision ids, timestamps, authors are not in TItemContent at all).
 * Splits and tags are sets, so their order does not count.
 */
export function canonicalItem(item: TItemContent): unknown {
  return {
    portableId: item.portableId,
    input: item.input ?? null,
    expectedOutput: item.expectedOutput ?? null,
    preference: item.preference,
    metadata: item.metadata,
    splits: [...new Set(item.splits)].sort(),
    tags: [...new Set(item.tags)].sort(),
    exact: item.exact,
    lineage: item.lineage,
  };
}

/**
 * An item's canonical JSON (RFC 8785 of canonicalItem): the text a version's checksum hashes for
 * it, kept with each revision, and the item's line in an Assay JSONL export. Throws for content
 * no canonical JSON can write (a number beyond a double).
 */
export function canonicalText(item: TItemContent): string {
  return canonicalJson(canonicalItem(item));
}

/**
 * A version's content checksum: SHA-256 over the RFC 8785 canonical JSON of the array of its
 * items sorted by portable id, so the same content gives the same checksum on any instance and
 * after an export and import. Fed one item at a time, in portable id order (a database cursor
 * ordered by the uuid column gives that order), so a million items need no more memory than one;
 * the text hashed is exactly the canonical form of the whole array.
 */
export class ContentChecksum {
  private readonly hash = createHash("sha256").update("[");
  private last: string | null = null;
  private count = 0;
  private result: string | null = null;

  add(item: TItemContent): void {
    this.addText(item.portableId, canonicalText(item));
  }

  /** Adds an item by its canonical text, as a revision keeps it (canonicalText of the item with this portable id). */
  addText(portableId: string, text: string): void {
    if (this.last !== null && portableId <= this.last) throw new Error("Items must come in ascending portable id order, each once");
    if (this.count) this.hash.update(",");
    this.hash.update(text);
    this.last = portableId;
    this.count++;
  }

  /** The checksum of the items added; no item may be added after. */
  digest(): string {
    this.result ??= `sha256:${this.hash.update("]").digest("hex")}`;
    return this.result;
  }
}

/** The checksum of items in any order (sorted here): for sets small enough to hold. */
export function contentChecksum(items: Iterable<TItemContent>): string {
  const checksum = new ContentChecksum();
  for (const item of [...items].sort((a, b) => (a.portableId < b.portableId ? -1 : a.portableId > b.portableId ? 1 : 0))) checksum.add(item);
  return checksum.digest();
}
