import type { TJudgmentValue, TScoreDataType, TSide } from "./codec";
import type { SCORE_SOURCES } from "./schemas";

// A judgment as the reader gives it, and how a read is asked for (reader.ts).

export type TJudgmentOrder = "id" | "queueItem" | "created" | "name";
export type TRaterKind = "user" | "apiKey" | "external";
export type TRater = { kind: "user"; id: string } | { kind: "apiKey"; id: string } | { kind: "external"; name: string; version: string | null };
export type TScoreSource = (typeof SCORE_SOURCES)[number];
export type TJudgmentTarget = "trace" | "span" | "queueItem";

export interface TJudgment {
  id: string;
  /** Set for a queue label: the unit it belongs to. */
  queueItemId: string | null;
  /** The trace judged: an API score's trace (or its span's), a label's item trace, or trace B for a `key:B` label. A pair-level label names trace A. */
  traceId: string;
  /** Set for an API score on one span (the span row's id). */
  spanId: string | null;
  /** For a per-side label of a pairwise item; null for a preference, which answers for the pair. */
  side: TSide | null;
  name: string;
  /** The client's own id of an API score, for idempotent retries. */
  externalId: string | null;
  rubricVersionId: string | null;
  criterionId: string | null;
  criterionKey: string | null;
  source: TScoreSource;
  rater: TRater;
  /** Set when one of Assay's own judges gave it: the judge version (its rater is then the judge's name and `v<n>`). */
  judgeVersionId: string | null;
  revision: number;
  isCurrent: boolean;
  /** The revision this one replaced. */
  supersedesId: string | null;
  /** When the rater first gave this judgment (its revision 1), whichever revision this row is; null when the read left it out. */
  firstSubmittedAt: Date | null;
  createdAt: Date;
  comment: string | null;
  dataType: TScoreDataType;
  value: TJudgmentValue | null;
}

/** What a person (or a client) reads beside a judgment's ids, asked for with `names: true`. */
export interface TJudgmentNames {
  raterUser: { email: string; name: string } | null;
  apiKeyName: string | null;
  rubric: { name: string; slug: string; version: number | null } | null;
  criterionLabel: string | null;
  /** The span judged: the client's span id (`ref`) and its name. */
  span: { ref: string; name: string } | null;
}

export interface TNamedJudgment extends TJudgment {
  names: TJudgmentNames;
}

export interface TJudgmentFilter {
  queueId?: string;
  queueItemIds?: string[];
  /** Judgments about any of these traces: on them, their spans, or queue items targeting them. */
  traceIds?: string[];
  /** Only judgments on these kinds of target (with `traceIds`: only these ways of being about a trace). */
  targets?: TJudgmentTarget[];
  /** With `traceIds`: a pairwise item's labels count for both of its traces, whichever side they name. */
  anySide?: boolean;
  rubricVersionId?: string;
  criterionIds?: string[];
  sources?: TScoreSource[];
  raterKinds?: TRaterKind[];
  /** Only external raters of these names (an external judge is addressed by its rater name). */
  raterNames?: string[];
  /** Only scores given by these judge versions of Assay's own; `"none"`: only scores no judge of Assay's gave. */
  judgeVersionIds?: string[] | "none";
  /** `current`: each judgment's latest revision (consensus, exports); `first`: the first submitted one (rater statistics). */
  revisions: "current" | "first" | "all";
}

/** Where the previous page ended: its last judgment, or the fields of it the order names. */
export type TJudgmentAfter = Pick<TJudgment, "id"> & Partial<Pick<TJudgment, "queueItemId" | "createdAt" | "name">>;

export interface TReadOptions {
  /**
   * `id` (the default); `queueItem`: (queue item, id), queue labels only; `created`: oldest
   * first (one submission's labels, which share their time, by name); `name`: by name, then
   * oldest first. Ties are broken by id, so every order pages.
   */
  order?: TJudgmentOrder;
  /** Also read `names`: the criterion and span from the statement itself, raters and rubrics by id set in one statement after it. */
  names?: boolean;
  /** `false` leaves `firstSubmittedAt` out (null): it costs a lookup for each revised row, which a screen that never shows it should not pay. */
  firstSubmittedAt?: boolean;
}

export interface TPageOptions extends TReadOptions {
  after?: TJudgmentAfter | null;
  limit: number;
}

/** A judgment as statistics over many judgments need it: its unit, criterion, rater, place in its chain and value. */
export type TJudgmentValues = Pick<TJudgment, "id" | "queueItemId" | "traceId" | "spanId" | "side" | "criterionId" | "rater" | "revision" | "value">;
/** What a whole queue's statistics read of a label: its unit, criterion, rater and value; the id only when asked. */
export type TJudgmentCore = Pick<TJudgmentValues, "queueItemId" | "side" | "criterionId" | "rater" | "value"> & { id: string | null };
