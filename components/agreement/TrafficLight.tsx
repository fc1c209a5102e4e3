import type { TAgreementReport } from "@/lib/reports/answers";
import type { TLightValue } from "./types";

const STYLE: Record<TLightValue, { dot: string; text: string }> = {
  reliable: { dot: "bg-emerald-500", text: "Reliable" },
  tentative: { dot: "bg-amber-400", text: "Tentative conclusions only" },
  unreliable: { dot: "bg-rose-500", text: "Unreliable" },
  undefined: { dot: "bg-slate-300", text: "Not computable" },
};

/** α against the project's thresholds, with the thresholds named so the colour is never the only cue. */
export function TrafficLight({ light, thresholds }: { light: TLightValue; thresholds: TAgreementReport["thresholds"] }) {
  const s = STYLE[light];
  return (
    <span
      className="inline-flex items-center gap-2 text-sm"
      data-testid="traffic-light"
      data-light={light}
      title={`reliable ≥ ${thresholds.reliable}, tentative ≥ ${thresholds.tentative}`}
    >
      <span aria-hidden className={`inline-block h-3 w-3 rounded-full ${s.dot}`} />
      {s.text}
    </span>
  );
}
