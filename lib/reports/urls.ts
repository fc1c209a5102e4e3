import type { TDisagreementsAnswer } from "./answers";

/** How many disputed units the disagreements page lists at a time. */
export const DISAGREEMENTS_PAGE = 100;

/** The settle page of one disputed unit (an item, and its side for a per-side criterion). */
export const unitHref = (base: string, criterion: string, item: Pick<TDisagreementsAnswer["items"][number], "itemId" | "side">) =>
  `${base}/disagreements/${item.itemId}?criterion=${encodeURIComponent(criterion)}${item.side ? `&side=${item.side}` : ""}`;

/** The disagreements page starting at `offset` in the ranking (0: the first page), `limit` units long. */
export function listHref(base: string, criterion: string, offset: number, limit = DISAGREEMENTS_PAGE): string {
  const query = new URLSearchParams({ criterion });
  if (offset > 0) query.set("cursor", String(offset));
  if (limit !== DISAGREEMENTS_PAGE) query.set("limit", String(limit));
  return `${base}/disagreements?${query}`;
}
