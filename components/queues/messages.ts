import { ApiError } from "@/components/ui/api";

/** What a rater reads when the server refuses a submit or a revision; their answers are always kept. */
export function refusalText(e: unknown): string {
  if (e instanceof ApiError && e.code === "overlap_reached") {
    return "Other raters already gave this item all the labels it needs, so yours were not counted. Your answers are kept as a draft.";
  }
  return `Your labels were not saved: ${e instanceof Error ? e.message : "something went wrong"}. Your answers are kept.`;
}
