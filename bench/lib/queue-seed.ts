import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import type pg from "pg";

// The queue the queue and load benchmarks label: a project of `traces` support chats, raters
// 1…`raters` (EXPERT, signed in by session cookie), and a queue of `items` items at overlap 3
// over a published two-criterion rubric, written straight into the real tables.

export const OVERLAP = 3;
export const SECRET = "bench-secret-0123456789abcdef0123";
export const PROJECT = "00000000-0000-4000-8000-000000000001";
export const QUEUE = "00000000-0000-4000-8000-000000000004";

export interface SeedSize {
  items: number;
  traces: number;
  raters: number;
}

export async function seedQueue(client: pg.Client, { items, traces, raters, log }: SeedSize & { log: (line: string) => void }) {
  const t0 = Date.now();
  await client.query(`INSERT INTO projects (id, slug, name) VALUES ('00000000-0000-4000-8000-000000000001', 'bench', 'Bench')`);
  await client.query(
    `INSERT INTO users (id, email, name) SELECT ('00000000-0000-4000-9000-' || lpad(n::text, 12, '0'))::uuid, 'rater' || n || '@bench.test', 'Rater ' || n FROM generate_series(1, $1) n`,
    [raters],
  );
  await client.query(`INSERT INTO memberships (project_id, user_id, role) SELECT '00000000-0000-4000-8000-000000000001', id, 'EXPERT' FROM users`);
  await client.query(
    `INSERT INTO traces (project_id, external_id, name, input, output, release, start_time)
     SELECT '00000000-0000-4000-8000-000000000001', 't' || n, 'support-chat',
            jsonb_build_object('messages', jsonb_build_array(jsonb_build_object('role', 'user', 'content', 'How do I share folder ' || n || '?'))),
            jsonb_build_object('role', 'assistant', 'content', 'Open the folder, choose Share and add their email. (' || n || ')'),
            CASE WHEN n % 2 = 0 THEN 'v1' ELSE 'v2' END, timestamp '2026-01-01' + n * interval '1 second'
       FROM generate_series(1, $1) n`,
    [traces],
  );
  log(`${traces} traces in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  await client.query(
    `INSERT INTO rubrics (project_id, id, slug, name) VALUES ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', 'q', 'Quality')`,
  );
  await client.query(
    `INSERT INTO rubric_versions (project_id, id, rubric_id)
     VALUES ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000002')`,
  );
  await client.query(
    `INSERT INTO criteria (project_id, rubric_version_id, position, key, label, type, measurement_level, config) VALUES
       ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000003', 0, 'helpfulness', 'Helpfulness', 'SCALE', 'ORDINAL', $1),
       ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000003', 1, 'correct', 'Correct', 'BINARY', 'NOMINAL', $2)`,
    // Configs as the rubric module stores them: labels are validated against them.
    [
      JSON.stringify({ min: 1, max: 5, levels: [1, 2, 3, 4, 5].map((value) => ({ value, label: `L${value}`, description: `Level ${value}`, exemplars: [] })) }),
      JSON.stringify({ pass: { label: "Yes", description: "Correct" }, fail: { label: "No", description: "Wrong" } }),
    ],
  );
  // Criteria are written while the version is a draft: a published version is frozen.
  await client.query(
    `UPDATE rubric_versions SET status = 'PUBLISHED', version = 1, published_at = now()
      WHERE project_id = '00000000-0000-4000-8000-000000000001' AND id = '00000000-0000-4000-8000-000000000003'`,
  );
  await client.query(
    `INSERT INTO queues (project_id, id, name, rubric_version_id, overlap) VALUES ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000004', 'Bench', '00000000-0000-4000-8000-000000000003', $1)`,
    [OVERLAP],
  );
  await client.query(
    `INSERT INTO queue_members (project_id, queue_id, user_id) SELECT '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000004', id FROM users`,
  );
  await client.query(
    `INSERT INTO queue_items (project_id, queue_id, trace_id, priority)
     SELECT project_id, '00000000-0000-4000-8000-000000000004', id, extract(epoch FROM start_time) FROM traces ORDER BY start_time LIMIT $1`,
    [items],
  );
  await client.query(
    `INSERT INTO queue_slots (project_id, queue_id, queue_item_id, priority)
     SELECT i.project_id, i.queue_id, i.id, i.priority FROM queue_items i CROSS JOIN generate_series(1, $1)`,
    [OVERLAP],
  );
  await client.query(`ANALYZE`);
  log(`seeded ${items} items, ${items * OVERLAP} open slots, in ${((Date.now() - t0) / 1000).toFixed(1)} s total`);
}

export async function violations(client: pg.Client) {
  const { rows } = await client.query(
    `
    SELECT (SELECT count(*) FROM (SELECT 1 FROM scores WHERE name = 'helpfulness' AND is_current AND queue_item_id IS NOT NULL GROUP BY queue_item_id HAVING count(*) > $1) x)::int AS "overN",
           (SELECT count(*) FROM (SELECT 1 FROM scores WHERE name = 'helpfulness' AND queue_item_id IS NOT NULL GROUP BY queue_item_id, rater_user_id HAVING count(*) > 1) x)::int AS twice,
           (SELECT count(*) FROM queue_items i WHERE submitted_count <> (SELECT count(*) FROM assignments a WHERE a.queue_item_id = i.id AND a.status = 'SUBMITTED'))::int AS miscounted,
           (SELECT count(*) FROM queue_slots)::int AS "openSlots"`,
    [OVERLAP],
  );
  return rows[0] as { overN: number; twice: number; miscounted: number; openSlots: number };
}

export interface Timing {
  claim: number[];
  submit: number[];
  labels: number;
  /** Labels per instance, in the order the instances were started. */
  labelsBy: number[];
  errors: Record<string, number>;
}

/** One rater's claim and submit calls, timed at the client; failures counted by status. */
export function rater(base: string, instance: number, cookie: string, timing: Timing) {
  const headers = { cookie, origin: base, "content-type": "application/json" };
  const queue = `${base}/api/projects/bench/queues/${QUEUE}`;
  const fail = (what: string) => (timing.errors[what] = (timing.errors[what] ?? 0) + 1);
  const post = (url: string, body: string) => fetch(url, { method: "POST", headers, body }).catch(() => null);
  return {
    async claim(): Promise<string | null | undefined> {
      const t = performance.now();
      const res = await post(`${queue}/claim`, "{}");
      const body = res ? await res.json() : null;
      timing.claim.push(performance.now() - t);
      if (res?.status !== 200) return void fail(`claim ${res?.status ?? "network"} ${body?.code ?? ""}`.trim());
      return body.item ? body.item.itemId : null;
    },
    async submit(itemId: string) {
      const t = performance.now();
      const values = { helpfulness: 1 + Math.floor(Math.random() * 5), correct: Math.random() < 0.7 };
      const res = await post(`${queue}/items/${itemId}/submit`, JSON.stringify({ submissionId: randomUUID(), values }));
      await res?.arrayBuffer();
      timing.submit.push(performance.now() - t);
      if (res?.status === 200) {
        timing.labels++;
        timing.labelsBy[instance]++;
      } else fail(`submit ${res?.status ?? "network"}`);
    },
  };
}

/** A session cookie for rater `n` (0 is the first user outside the raters, when seeded). */
export async function cookieFor(n: number) {
  const token = await encode({ token: { sub: `00000000-0000-4000-9000-${String(n).padStart(12, "0")}` }, secret: SECRET });
  return `next-auth.session-token=${token}`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A rater claiming and submitting until `end` or an empty queue, one submit per `thinkMs` on average (0: no pause). */
export async function labelUntil(r: ReturnType<typeof rater>, end: number, thinkMs: number): Promise<void> {
  // Realistic raters start spread over one think time, not in one burst.
  if (thinkMs) await sleep(Math.random() * thinkMs);
  while (Date.now() < end) {
    const itemId = await r.claim();
    if (itemId === null) break;
    if (itemId === undefined) continue;
    // Uniform in [0, 2 × think]: one submit per think time on average.
    if (thinkMs) await sleep(Math.random() * 2 * thinkMs);
    await r.submit(itemId);
  }
}
