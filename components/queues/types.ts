import type { TCriterion } from "../../lib/rubrics/schemas";

// The shapes the labeling screen reads from the queue API (lib/queues/view.ts, claim.ts).

export interface TSpanView {
  spanId: string;
  type: string;
  name: string;
  model: string | null;
  input: unknown;
  output: unknown;
}

export interface TTraceView {
  id: string;
  name: string | null;
  input: unknown;
  output: unknown;
  metadata: Record<string, unknown> | null;
  tags: string[];
  release: string | null;
  promptVersion: string | null;
  sessionId: string | null;
  startTime: string;
  spans: TSpanView[];
}

export interface TScoreRow {
  id: string;
  name: string;
  dataType: "NUMERIC" | "BOOLEAN" | "CATEGORICAL" | "MULTI" | "TEXT" | "JSON";
  numberValue: number | null;
  textValue: string | null;
  jsonValue: unknown;
  raterUserId: string | null;
  raterName: string | null;
  source: string;
  revision: number;
}

export interface TCommentView {
  id: string;
  body: string;
  authorId: string;
  authorName: string | null;
  createdAt: string;
}

export type TSide = "A" | "B";

export interface TItemView {
  queue: { id: string; name: string; instructions: string; mode: "SINGLE" | "PAIRWISE"; overlap: number; blind: boolean };
  item: { id: string; status: string; submittedCount: number; traceId: string; traceBId: string | null };
  trace: TTraceView | null;
  sides: { left: { side: TSide; trace: TTraceView }; right: { side: TSide; trace: TTraceView } } | null;
  rubricVersion: { id: string; version: number; guidelines: string; criteria: TCriterion[] };
  mine: { status: "LEASED" | "SUBMITTED" | "SKIPPED" | "RELEASED"; draft: unknown; leftSide: TSide | null; flaggedAt: string | null; labels: TScoreRow[] } | null;
  others: { hidden: boolean; labels: TScoreRow[]; automatedScores: TScoreRow[] };
  comments: TCommentView[];
}

export interface TLease {
  itemId: string;
  leftSide: TSide | null;
  draft: unknown;
  resumed: boolean;
}

export interface THistoryEntry {
  itemId: string;
  status: "LEASED" | "SUBMITTED" | "SKIPPED" | "RELEASED";
  submittedAt: string | null;
  claimedAt: string | null;
  flaggedAt: string | null;
}
