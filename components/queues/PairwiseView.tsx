import { TracePane } from "./TracePane";
import type { TItemView } from "./types";

/**
 * Two responses to the same input, side by side in the order recorded for this rater. On
 * screen they are always "A" (left) and "B" (right); which trace is which stays server-side.
 */
export function PairwiseView({ sides }: { sides: NonNullable<TItemView["sides"]> }) {
  return (
    <div className="space-y-4">
      <TracePane trace={sides.left.trace} showResponse={false} />
      <div className="grid gap-4 md:grid-cols-2">
        {[sides.left, sides.right].map((s, i) => (
          <section key={s.trace.id} data-testid={`pair-${i === 0 ? "left" : "right"}`} className="rounded-lg border border-slate-200 p-3">
            <h3 className="mb-2 font-semibold">{i === 0 ? "A · left" : "B · right"}</h3>
            <TracePane trace={s.trace} showInput={false} />
          </section>
        ))}
      </div>
    </div>
  );
}
