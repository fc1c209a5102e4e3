import { describe, expect, it } from "vitest";
import { explorerTarget, runFromExplorerHref } from "./explorer-target";

const A = "0b6f3f0e-8a4e-4a53-9a57-3c1f2b9d1e01";
const B = "0b6f3f0e-8a4e-4a53-9a57-3c1f2b9d1e02";

const searchOf = (href: string) => Object.fromEntries(new URL(href, "http://x").searchParams);

describe("the explorer's selection in a run page's address", () => {
  it("carries checked traces there and back, and says how many", () => {
    const href = runFromExplorerHref("demo", "tone/judge", 3, { traceIds: [A, B] });
    expect(href).toBe(`/p/demo/judges/tone%2Fjudge/runs/new?version=3&traceIds=${A}%2C${B}`);
    expect(explorerTarget(searchOf(href))).toEqual({ selection: { traceIds: [A, B] }, words: "2 selected traces" });
    expect(explorerTarget({ traceIds: A })?.words).toBe("1 selected trace");
  });

  it("carries a filter's own fields only and describes it", () => {
    const href = runFromExplorerHref("demo", "j", 1, { filter: { tags: "billing", cursor: "abc", limit: "20" } });
    expect(searchOf(href)).toEqual({ version: "1", match: "all", tags: "billing" });
    expect(explorerTarget(searchOf(href))).toEqual({ selection: { filter: { tags: "billing" } }, words: 'traces matching: tags "billing"' });
    expect(explorerTarget({ match: "all" })).toEqual({ selection: { filter: {} }, words: "every trace in the project" });
  });

  it("carries nothing when the address has no selection, and drops what is not a trace id", () => {
    expect(explorerTarget({})).toBeNull();
    expect(explorerTarget({ traceIds: "x,../../etc" })).toBeNull();
    expect(explorerTarget({ traceIds: `${A},nope,${A}` })).toEqual({ selection: { traceIds: [A] }, words: "1 selected trace" });
  });
});
