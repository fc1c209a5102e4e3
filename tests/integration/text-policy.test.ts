import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { type TestProject, call, makeProject, unique } from "@/tests/helpers/fixtures";
import { type Poison, type RouteCase, allRoutes, callerFor, makeInstanceAdmin, refusesEveryKey, requestFor, stringsOf } from "@/tests/helpers/routes";

// The text policy, on every string of every route: each path parameter, query field and body
// field (read from the route's own zod schemas) gets NUL, then a lone surrogate, one at a time.
// Nothing answers 5xx. What names things is refused with 400 invalid_text and stores nothing;
// batches of ingested items answer per item instead.

const TEXTS = { nul: "a\u0000b", surrogate: "a\ud800b" };

let routes: RouteCase[];
let instanceAdmin: string;

beforeAll(async () => {
  routes = (await allRoutes()).filter((r) => !refusesEveryKey(r));
  instanceAdmin = await makeInstanceAdmin();
});

/** Rows a request could have written for this project, or under this run's marker. */
async function stored(project: TestProject, marker: string): Promise<number[]> {
  const where = { projectId: project.id };
  const d = db();
  return Promise.all([
    d.auditEvent.count({ where }),
    d.trace.count({ where }),
    d.score.count({ where }),
    d.comment.count({ where }),
    d.rubric.count({ where }),
    d.queue.count({ where }),
    d.apiKey.count({ where }),
    d.invitation.count({ where }),
    d.membership.count({ where }),
    d.traceImport.count({ where }),
    d.user.count({ where: { OR: [{ email: { contains: marker } }, { name: { contains: marker } }] } }),
    d.project.count({ where: { OR: [{ slug: { contains: marker } }, { name: { contains: marker } }] } }),
  ]);
}

async function poisoned(r: RouteCase, project: TestProject, poison: Poison) {
  const marker = unique("tp");
  const before = await stored(project, marker);
  const request = requestFor(r, project, marker, poison);
  const res = await call(r.handler, { ...request, ...callerFor(r, project, instanceAdmin) });
  return { res, before, after: await stored(project, marker) };
}

describe("NUL and lone surrogates never cause a 5xx", () => {
  it("refuses them with 400 invalid_text in every path parameter, query field and body field, storing nothing", async () => {
    let checked = 0;
    for (const r of routes) {
      // A project of its own per route; a refused request leaves it as it was.
      const project = await makeProject();
      for (const place of stringsOf(r, project, "tp")) {
        // A URL cannot carry a lone surrogate (it becomes U+FFFD on the way): query fields get NUL.
        for (const [name, text] of Object.entries(TEXTS)) {
          if (place.where === "query" && name === "surrogate") continue;
          const { res, before, after } = await poisoned(r, project, { ...place, text });
          const label = `${r.method} ${r.url} ${place.where} ${place.at} (${name})`;
          expect(res.status, label).toBeLessThan(500);
          if (r.handler.meta.items && place.where === "body") {
            // Ingested batches: content is cleaned and flagged, names are refused, item by item.
            expect(res.status, label).toBe(207);
            for (const item of res.json.results) {
              expect(item.httpStatus ?? 200, label).toBeLessThan(500);
              if (item.status === "accepted") expect(item.warnings, label).toContain("text_replaced");
            }
            if (res.json.accepted === 0) expect(after, label).toEqual(before);
          } else {
            expect(res.status, label).toBe(400);
            expect(res.json.code, label).toBe("invalid_text");
            expect(res.headers.get("content-type"), label).toContain("application/problem+json");
            expect(after, label).toEqual(before);
          }
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(150);
  }, 600_000);
});
