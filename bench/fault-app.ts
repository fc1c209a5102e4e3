import { randomUUID } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { encode } from "next-auth/jwt";
import pg from "pg";
import { closeDb, db } from "@/lib/db/client";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { seedDemo } from "@/lib/seed/demo";
import { buildIfNeeded } from "@/scripts/lib/build";
import { migrateDeploy } from "@/scripts/lib/run";
import { scaleArg } from "./lib/args";
import { killTree } from "./lib/faults";
import { type BenchServer, startServer } from "./lib/server";

// `npm run bench:fault-app [-- --scale 0.2]`: the app killed while two experts label. On the
// demo queue (overlap 2) with 200 more items at scale 1, each expert first leaves one item
// half done (a saved draft), then claims, saves a draft and submits, item after item. Once a
// third of the items are labelled, `next start` is SIGKILLed and started again on the same
// database. The first expert comes back: sends again, with the same submission id, every
// submit left unanswered, and labels on. The second never returns; its leases are moved past
// their end (600 s; the bench does not wait them out) and a third member claims: those items
// must come back to them. Fails unless every acknowledged label exists once, no rater has two
// labels on an item, every draft saved and not submitted is still there, and every item
// ends with its two labels.

const EXTRA_ITEMS = Math.max(10, Math.round(200 * scaleArg()));
const SECRET = "bench-secret-0123456789abcdef0123";
const log = (line: string) => console.log(`[bench:fault-app] ${line}`);

interface Rater {
  name: string;
  userId: string;
  cookie: string;
  /** item → the draft the server acknowledged. */
  drafts: Map<string, unknown>;
  /** item → submission id, answered 200. */
  acknowledged: Map<string, string>;
  /** item → submission id and values of a submit that got no answer. */
  unanswered: Map<string, { submissionId: string; values: unknown }>;
  parked?: string;
}

let base = "";
const queuePath = { value: "" };

async function send(rater: Rater, method: string, route: string, body: unknown) {
  const res = await fetch(`${base}${queuePath.value}${route}`, {
    method,
    headers: { cookie: rater.cookie, origin: base, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

async function claim(rater: Rater): Promise<string | null> {
  const res = await send(rater, "POST", "/claim", { exclude: rater.parked ? [rater.parked] : [] });
  if (res.status !== 200) throw new Error(`${rater.name}: claim answered ${res.status} ${JSON.stringify(res.json)}`);
  return res.json.item?.itemId ?? null;
}

async function saveDraft(rater: Rater, itemId: string) {
  const draft = { rationale: `${rater.name} half way through ${itemId}` };
  const res = await send(rater, "PUT", `/items/${itemId}/draft`, { draft });
  if (res.status !== 200) throw new Error(`${rater.name}: draft answered ${res.status}`);
  rater.drafts.set(itemId, draft);
}

async function submit(rater: Rater, itemId: string, submissionId: string, values: unknown) {
  rater.unanswered.set(itemId, { submissionId, values });
  const res = await send(rater, "POST", `/items/${itemId}/submit`, { submissionId, values });
  if (res.status !== 200) throw new Error(`${rater.name}: submit answered ${res.status} ${JSON.stringify(res.json)}`);
  rater.unanswered.delete(itemId);
  rater.acknowledged.set(itemId, submissionId);
}

/**
 * Claims, saves a draft and submits until nothing is left or the server stops answering.
 * `count` may return a kill in progress, which the rater waits for before going on.
 */
async function label(rater: Rater, count: () => Promise<void> | void): Promise<void> {
  for (let itemId = await claim(rater); itemId; itemId = await claim(rater)) {
    await saveDraft(rater, itemId);
    await submit(rater, itemId, randomUUID(), { helpfulness: 1 + (itemId.charCodeAt(0) % 5), correct: itemId.charCodeAt(1) % 2 === 0 });
    await count();
  }
}

async function rater(email: string): Promise<Rater> {
  const user = await db().user.findUniqueOrThrow({ where: { email } });
  const token = await encode({ token: { sub: user.id, signedInAt: Date.now() }, secret: SECRET });
  return {
    name: email.split("@")[0],
    userId: user.id,
    cookie: `next-auth.session-token=${token}`,
    drafts: new Map(),
    acknowledged: new Map(),
    unanswered: new Map(),
  };
}

await buildIfNeeded();
const dir = await mkdtemp(path.join(tmpdir(), "assay-bench-fault-app-"));
// As root, PostgreSQL runs as its own user, which must reach the cluster inside.
await chmod(dir, 0o755);
const database = await startEmbeddedPostgres({ dir, persistent: false });
let server: BenchServer | undefined;
let failed = false;
const serverEnv = { DATABASE_URL: database.url, NEXTAUTH_SECRET: SECRET, ASSAY_JOBS: "off" };
try {
  process.env.DATABASE_URL = database.url;
  await migrateDeploy(database.url);
  await seedDemo(db());
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const { rows } = await client.query(
    `SELECT q.project_id AS "projectId", q.id AS "queueId", q.overlap FROM queues q JOIN projects p ON p.id = q.project_id WHERE p.slug = 'demo'`,
  );
  const { projectId, queueId, overlap } = rows[0] as { projectId: string; queueId: string; overlap: number };
  // More open work than the demo's: fresh traces, each an item with its `overlap` open slots.
  await client.query(
    `WITH t AS (INSERT INTO traces (project_id, external_id, name, input, output)
                SELECT $1, 'fault-' || n, 'support-answer', jsonb_build_object('question', 'Question ' || n), jsonb_build_object('answer', 'Answer ' || n)
                  FROM generate_series(1, $3) n RETURNING id),
          i AS (INSERT INTO queue_items (project_id, queue_id, trace_id, priority) SELECT $1, $2, id, 1000 FROM t RETURNING id)
     INSERT INTO queue_slots (project_id, queue_id, queue_item_id, priority) SELECT $1, $2, i.id, 1000 FROM i CROSS JOIN generate_series(1, $4)`,
    [projectId, queueId, EXTRA_ITEMS, overlap],
  );
  const open = (await client.query(`SELECT count(*)::int AS n FROM queue_items WHERE queue_id = $1 AND status <> 'COMPLETED'`, [queueId])).rows[0].n as number;
  const [first, second, third] = await Promise.all(["expert1@demo.test", "expert2@demo.test", "engineer@demo.test"].map(rater));
  await closeDb();
  queuePath.value = `/api/projects/demo/queues/${queueId}`;

  server = await startServer({ env: serverEnv });
  base = server.url;
  log(`${open} open items (overlap ${overlap}); two experts label, the app is killed after ${Math.ceil(open / 3)} labels`);
  for (const r of [first, second]) {
    r.parked = (await claim(r))!;
    await saveDraft(r, r.parked);
  }
  let labels = 0;
  let killing: Promise<void> | null = null;
  const killed = server;
  const count = () => {
    if (++labels >= Math.ceil(open / 3) && !killing) killing = killTree(killed.process.pid!);
    return killing ?? undefined;
  };
  // Both raters stop on their first unanswered request once the server is gone; any other
  // failure is one.
  await Promise.all(
    [first, second].map((r) =>
      label(r, count).catch((error) => {
        if (!(killing && error instanceof TypeError)) throw error;
      }),
    ),
  );
  await killing;
  if (!killing) throw new Error("the queue was drained before the app was killed");
  const unanswered = first.unanswered.size + second.unanswered.size;
  log(`killed the app: ${labels} labels acknowledged, ${unanswered} submits unanswered, ${first.drafts.size + second.drafts.size} drafts saved`);

  server = await startServer({ env: serverEnv });
  base = server.url;
  // Drafts saved and not submitted (acknowledged or maybe) are still there after the restart.
  const { rows: kept } = await client.query(`SELECT queue_item_id AS "itemId", user_id AS "userId", draft FROM assignments WHERE queue_id = $1`, [queueId]);
  const draftOf = new Map(kept.map((k) => [`${k.itemId}/${k.userId}`, JSON.stringify(k.draft)]));
  const pendingDrafts = [first, second].flatMap((r) =>
    [...r.drafts].filter(([item]) => !r.acknowledged.has(item) && !r.unanswered.has(item)).map(([item, d]) => ({ r, item, d })),
  );
  const lostDrafts = pendingDrafts.filter(({ r, item, d }) => draftOf.get(`${item}/${r.userId}`) !== JSON.stringify(d)).length;

  for (const [itemId, { submissionId, values }] of first.unanswered) await submit(first, itemId, submissionId, values);
  // The expert who came back also finishes the item left half done: a claim resumes it.
  first.parked = undefined;
  await label(first, () => {});
  const resubmitted = unanswered - second.unanswered.size;
  // The second expert's leases run out (moved to their end rather than waited for).
  await client.query(`UPDATE queue_slots SET lease_expires_at = now() - interval '1 second' WHERE queue_id = $1 AND leased_by = $2`, [queueId, second.userId]);
  await client.query(`UPDATE assignments SET lease_expires_at = now() - interval '1 second' WHERE queue_id = $1 AND user_id = $2 AND status = 'LEASED'`, [
    queueId,
    second.userId,
  ]);
  const held = (
    await client.query(`SELECT queue_item_id AS id FROM assignments WHERE queue_id = $1 AND user_id = $2 AND status = 'LEASED'`, [queueId, second.userId])
  ).rows.map((r) => r.id as string);
  await label(third, () => {});

  const { rows: check } = await client.query(
    `SELECT (SELECT count(*) FROM (SELECT 1 FROM scores WHERE queue_item_id IS NOT NULL AND name = 'helpfulness' AND is_current
                                   GROUP BY queue_item_id, rater_user_id HAVING count(*) > 1) x)::int AS twice,
            (SELECT count(*) FROM queue_items WHERE queue_id = $1 AND status <> 'COMPLETED')::int AS unfinished,
            (SELECT count(*) FROM queue_items i WHERE queue_id = $1
                AND submitted_count <> (SELECT count(*) FROM assignments a WHERE a.queue_item_id = i.id AND a.status = 'SUBMITTED'))::int AS miscounted`,
    [queueId],
  );
  const acknowledged = [first, second, third].flatMap((r) => [...r.acknowledged.keys()].map((item) => ({ item, user: r.userId })));
  const { rows: stored } = await client.query(
    `SELECT count(*)::int AS n FROM unnest($1::uuid[], $2::uuid[]) AS k(item, usr)
      WHERE (SELECT count(*) FROM scores s WHERE s.queue_item_id = k.item AND s.rater_user_id = k.usr AND s.name = 'helpfulness' AND s.is_current) = 1`,
    [acknowledged.map((a) => a.item), acknowledged.map((a) => a.user)],
  );
  const returned = held.filter((item) => third.acknowledged.has(item)).length;
  await client.end();
  const v = { ...check[0], lost: acknowledged.length - stored[0].n } as { twice: number; unfinished: number; miscounted: number; lost: number };
  log(`after the restart: ${resubmitted} unanswered submits sent again, ${pendingDrafts.length - lostDrafts} of ${pendingDrafts.length} pending drafts kept`);
  log(`${held.length} leases of the expert who never came back expired; ${returned} of those items came back to the third member`);
  log(
    `${acknowledged.length} acknowledged labels, ${v.lost} missing, ${v.twice} raters with two labels on an item; ${v.unfinished} items unfinished, ${v.miscounted} miscounted`,
  );
  const problems = [
    v.lost && "acknowledged labels missing",
    v.twice && "a rater labelled an item twice",
    lostDrafts && "drafts lost",
    returned !== held.length && "expired leases did not come back",
    held.length === 0 && "the second expert held no lease to expire",
    v.unfinished && "items left unfinished",
    v.miscounted && "items miscounted",
  ].filter(Boolean);
  if (problems.length) throw new Error(problems.join("; "));
  log("invariants hold");
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  await server?.stop();
  await database.stop().catch(() => {});
  await rm(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
