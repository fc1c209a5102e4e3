import { describe, expect, it } from "vitest";
import { DEFAULT_CONCURRENCY, callLimits } from "./limits";
import { MAX_CONCURRENCY } from "./schemas";

describe("callLimits", () => {
  it("uses the default, with no spacing, when neither the run nor the version says", () => {
    expect(callLimits({}, {})).toEqual({ concurrency: DEFAULT_CONCURRENCY, rpm: null });
  });

  it("takes the version's limits when the run asks for nothing", () => {
    expect(callLimits({}, { concurrency: 3, rpm: 120 })).toEqual({ concurrency: 3, rpm: 120 });
  });

  it("lets a run ask for fewer than the version allows, or for more than the default up to the maximum", () => {
    expect(callLimits({ concurrency: 1, rpm: 30 }, { concurrency: 3, rpm: 120 })).toEqual({ concurrency: 1, rpm: 30 });
    expect(callLimits({ concurrency: MAX_CONCURRENCY, rpm: 5000 }, {})).toEqual({ concurrency: MAX_CONCURRENCY, rpm: 5000 });
  });

  it("holds a run that asks for more to the version's limits", () => {
    expect(callLimits({ concurrency: 20, rpm: 1000 }, { concurrency: 3, rpm: 120 })).toEqual({ concurrency: 3, rpm: 120 });
  });
});
