import type { TItemContent } from "@/lib/datasets/content";

/** What an export knows besides the items: the dataset, the version, and where its labels came from. */
export interface TExportContext {
  dataset: { name: string; description: string | null; inputSchema: Record<string, unknown> | null; expectedSchema: Record<string, unknown> | null };
  version: { number: number; checksum: string; note: string | null; redacted: boolean };
  provenance: {
    rubricVersions: string[];
    /** α per criterion the items' labels rest on, when known. */
    agreement: { criterion: string; alpha: number | null }[];
    experts: number;
    adjudicated: number;
  };
  /** The rubric text a grading model should read for an item (its criteria's questions and guidance), when there is one. */
  criterionText: (item: TItemContent) => string | null;
}

/**
 * A text export written one item at a time: what comes before the first item, each item (null
 * when the format cannot carry it, e.g. a single item in a preference format), what comes after.
 * Every piece ends with a newline, so pieces concatenate into the file.
 */
export interface TLineFormat {
  name: string;
  contentType: string;
  extension: string;
  begin: (ctx: TExportContext) => string;
  item: (item: TItemContent, ctx: TExportContext, index: number) => string | null;
  /** `count`: the items written. */
  end: (ctx: TExportContext, count: number) => string;
}
