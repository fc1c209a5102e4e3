import { meanCurrentScore } from "@/lib/scores/statements";
import type { TOrdering } from "./schemas";

// A queue's order as a number per item (lower is claimed first), computed in SQL from the
// item's first trace `t`. Taken when an item is added; `reorderQueue` recomputes it.

export interface SqlPart {
  sql: string;
  params: unknown[];
}

/** `$n` placeholders start at `first`. */
export function priorityExpression(ordering: TOrdering, first: number): SqlPart {
  switch (ordering.kind) {
    case "oldest":
      return { sql: "extract(epoch FROM t.start_time)::float8", params: [] };
    case "random":
      // 52 bits of md5(seed:trace) as a fraction: a stable shuffle with no state to keep.
      return {
        sql: `(('x' || substr(md5($${first}::text || ':' || t.id::text), 1, 13))::bit(52)::bigint)::float8 / 4503599627370496.0`,
        params: [String(ordering.seed)],
      };
    case "score":
      return {
        sql: `coalesce(${meanCurrentScore(first)} * ${ordering.direction === "desc" ? -1 : 1}, 'Infinity'::float8)`,
        params: [ordering.name],
      };
  }
}
