import { describe, expect, it } from "vitest";
import { priorityExpression } from "./ordering";

describe("priorityExpression", () => {
  it("numbers placeholders from the given position and passes the rule's parameters", () => {
    expect(priorityExpression({ kind: "oldest" }, 3)).toEqual({ sql: "extract(epoch FROM t.start_time)::float8", params: [] });
    const random = priorityExpression({ kind: "random", seed: 42 }, 4);
    expect(random.sql).toContain("md5($4::text");
    expect(random.params).toEqual(["42"]);
    const desc = priorityExpression({ kind: "score", name: "thumbs", direction: "desc" }, 2);
    expect(desc.sql).toContain("sc.name = $2");
    expect(desc.sql).toContain("* -1");
    expect(priorityExpression({ kind: "score", name: "thumbs", direction: "asc" }, 2).sql).toContain("* 1,");
  });
});
