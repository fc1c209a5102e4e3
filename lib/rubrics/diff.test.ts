import { describe, expect, it } from "vitest";
import { canonical, diffVersions } from "./diff";
import { ZRubricContent } from "./schemas";
import { everyType } from "./test-fixtures";

const base = () => ZRubricContent.parse(everyType());

describe("diffVersions", () => {
  it("finds nothing between a version and its copy, whatever the key order of configs", () => {
    const a = base();
    const b = base();
    b.criteria[0] = {
      ...b.criteria[0],
      config: JSON.parse(JSON.stringify({ fail: (b.criteria[0].config as { fail: unknown }).fail, pass: (b.criteria[0].config as { pass: unknown }).pass })),
    };
    const diff = diffVersions(a, b);
    expect(diff.same).toBe(true);
    expect(diff.criteria.every((c) => c.status === "unchanged")).toBe(true);
  });

  it("reports added, removed, changed fields, config leaves and moves", () => {
    const from = base();
    const to = base();
    to.guidelines = "New guidelines";
    to.criteria = to.criteria.filter((c) => c.key !== "topic");
    to.criteria.push({
      key: "extra",
      label: "Extra",
      question: "",
      guidance: "",
      required: true,
      type: "TEXT",
      measurementLevel: "NONE",
      config: { maxLength: 5 },
    });
    to.criteria[0] = { ...to.criteria[0], label: "Correctness", required: false };
    const scale = to.criteria[1].config as { levels: { description: string }[] };
    scale.levels[2].description = "Flawless";
    [to.criteria[2], to.criteria[3]] = [to.criteria[3], to.criteria[2]];

    const diff = diffVersions(from, to);
    expect(diff.same).toBe(false);
    expect(diff.guidelinesChanged).toBe(true);
    const byKey = Object.fromEntries(diff.criteria.map((c) => [c.key, c]));
    expect(byKey.extra.status).toBe("added");
    expect(byKey.topic.status).toBe("removed");
    expect(byKey.correct).toMatchObject({
      status: "changed",
      moved: false,
      changes: [
        { field: "label", before: "Correct", after: "Correctness" },
        { field: "required", before: true, after: false },
      ],
    });
    expect(byKey.quality).toMatchObject({ status: "changed", changes: [{ field: "config.levels.2.description", before: "Perfect", after: "Flawless" }] });
    expect(byKey.issues).toMatchObject({ status: "changed", moved: true, changes: [] });
    expect(byKey.why.status).toBe("unchanged");
    expect(diff.criteria.map((c) => c.key)).toEqual(["correct", "quality", "minutes", "issues", "why", "ideal", "pref", "extra", "topic"]);
  });

  it("sees a changed type and a changed option list", () => {
    const from = base();
    const to = base();
    (to.criteria[2].config as { options: unknown[] }).options.push({ value: "other", label: "Other", description: "" });
    const diff = diffVersions(from, to);
    expect(diff.criteria.find((c) => c.key === "topic")).toMatchObject({
      status: "changed",
      changes: [{ field: "config.options.2", before: null, after: { value: "other" } }],
    });
  });

  it("writes a canonical form with sorted keys", () => {
    expect(canonical({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
  });
});
