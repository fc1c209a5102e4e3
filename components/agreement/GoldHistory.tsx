import { shownValue } from "./format";
import type { TDisputedItem } from "./types";

/** What the item is settled to now, whether adjudicated or reference, with its reason. */
export function GoldHistory({ gold }: { gold: TDisputedItem["gold"] }) {
  if (gold.length === 0)
    return (
      <p className="text-sm text-slate-500" data-testid="gold-none">
        Not settled yet.
      </p>
    );
  return (
    <ul className="space-y-1 text-sm" data-testid="gold-current">
      {gold.map((g) => (
        <li key={g.id}>
          <span className="font-semibold">{shownValue(g.value)}</span> · {g.kind === "ADJUDICATED" ? `adjudicated, revision ${g.revision}` : "reference"}
          {g.reason ? <span className="text-slate-600"> · “{g.reason}”</span> : null}
          {g.needsReview ? (
            <span className="ml-1 rounded bg-amber-100 px-1 text-amber-900">a label it was chosen among has been revised: take a second look</span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
