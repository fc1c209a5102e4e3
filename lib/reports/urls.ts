import type { TDisagreementsAnswer } from "./answers";

/** The settle page of one disputed unit (an item, and its side for a per-side criterion). */
export const unitHref = (base: string, criterion: string, item: Pick<TDisagreementsAnswer["items"][number], "itemId" | "side">) =>
  `${base}/disagreements/${item.itemId}?criterion=${encodeURIComponent(criterion)}${item.side ? `&side=${item.side}` : ""}`;
