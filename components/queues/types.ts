import type { TClaimAnswer, THistoryAnswer, TItemViewAnswer, TTraceView } from "@/lib/queues/view-answers";

// The labeling screen's names for what the queue routes answer: the types are inferred from
// the routes' answer schemas (lib/queues/view-answers.ts), so the screen and the server agree.

export type { TCommentAnswer, TCommentView, TScoreRow, TSide, TTraceView } from "@/lib/queues/view-answers";
export type TSpanView = TTraceView["spans"][number];
export type TItemView = TItemViewAnswer;
export type TLease = NonNullable<TClaimAnswer["item"]>;
export type THistoryEntry = THistoryAnswer["items"][number];
