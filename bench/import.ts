import { createWriteStream } from "node:fs";
import { mkdtemp, open, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { closeDb, db } from "@/lib/db/client";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { buildIfNeeded } from "@/scripts/lib/build";
import { migrateDeploy } from "@/scripts/lib/run";
import { mb, treeRss } from "./lib/rss";
import { type BenchServer, startServer } from "./lib/server";
import { makeTrace } from "./lib/traces";

// `npm run bench:import [-- --scale 0.01]`: a generated JSONL file (--scale 1 is 1 GiB of
// ~2 KB traces with 3 spans each) imported through the job path of the production build:
// uploaded over HTTP in 1 MiB pieces, started, and worked by the server's own job worker
// (pg-boss, inside `next start`) until done. Prints rows/s and the server's resident memory
// (VmRSS of its process tree, sampled every 200 ms), which must stay flat, under 300 MB.

const arg = (name: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const scale = Number(arg("scale") ?? "1");
const TARGET_BYTES = Math.max(64 * 1024, Math.round(1024 ** 3 * scale));
const PIECE = 1024 * 1024;
// Replaces the server's cap on its V8 old generation (MB; 0: Node's default), as
// ASSAY_SERVER_HEAP_MB would.
const serverHeap = arg("server-heap");
const SECRET = "bench-secret-0123456789abcdef";

function line(i: number, t0: number): string {
  // The ingestion benchmark's traces without a release or span attributes; every tenth has
  // no id: the import gives it `<importId>:<line>`.
  const { id: _id, release: _release, spans, ...rest } = makeTrace(i, t0);
  return JSON.stringify({ ...(i % 10 ? { id: `imp-${i}` } : {}), ...rest, spans: spans.map(({ attributes: _attributes, ...span }) => span) });
}

/** Writes the file as a stream: the benchmark itself never holds it either. */
async function generate(file: string): Promise<number> {
  const out = createWriteStream(file);
  const t0 = Date.UTC(2026, 0, 1);
  let bytes = 0;
  let rows = 0;
  while (bytes < TARGET_BYTES) {
    const text = `${line(rows++, t0)}\n`;
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await new Promise<void>((r) => out.once("drain", () => r()));
  }
  await new Promise<void>((resolve, reject) => {
    out.once("error", reject);
    out.end(() => resolve());
  });
  return rows;
}

const dir = await mkdtemp(path.join(tmpdir(), "assay-bench-import-"));
const pgDir = await mkdtemp(path.join(tmpdir(), "assay-bench-import-pg-"));
const database = await startEmbeddedPostgres({ dir: pgDir, database: "assay_bench", persistent: false });
let server: BenchServer | undefined;
try {
  await buildIfNeeded();
  const file = path.join(dir, "traces.jsonl");
  const rows = await generate(file);
  const size = (await stat(file)).size;
  console.log(
    `import benchmark: ${rows} traces (3 spans each) in ${mb(size)} of JSONL${serverHeap === undefined ? "" : serverHeap === "0" ? ", server heap not capped" : `, server heap capped at ${serverHeap} MB`}`,
  );

  process.env.DATABASE_URL = database.url;
  await migrateDeploy(database.url);
  const project = await db().project.create({ data: { slug: "bench-import", name: "bench-import" } });
  const user = await db().user.create({ data: { email: "bench@example.com", name: "Bench" } });
  await db().membership.create({ data: { projectId: project.id, userId: user.id, role: "ENGINEER" } });
  await closeDb();

  server = await startServer({
    env: { DATABASE_URL: database.url, NEXTAUTH_SECRET: SECRET, ASSAY_JOBS: "on" },
    heapMb: serverHeap === undefined ? undefined : Number(serverHeap),
  });
  const url = server.url;
  const cookie = `next-auth.session-token=${await encode({ token: { sub: user.id }, secret: SECRET })}`;
  const headers = { cookie, origin: url };
  const base = `${url}/api/projects/bench-import/imports`;

  const samples: { phase: string; rss: number }[] = [];
  let phase = "idle";
  const sampler = setInterval(() => void treeRss(server!.process.pid!).then((rss) => samples.push({ phase, rss })), 200);
  await new Promise((r) => setTimeout(r, 1000));

  phase = "upload";
  const uploadStart = performance.now();
  const created = await fetch(base, {
    method: "POST",
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify({ format: "JSONL", fileName: "traces.jsonl", sizeBytes: size }),
  });
  const { id } = (await created.json()) as { id: string };
  const handle = await open(file, "r");
  const piece = Buffer.alloc(PIECE);
  for (let seq = 0, offset = 0; offset < size; seq++, offset += PIECE) {
    const { bytesRead } = await handle.read(piece, 0, PIECE, offset);
    const res = await fetch(`${base}/${id}/chunks?seq=${seq}`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/octet-stream" },
      body: piece.subarray(0, bytesRead),
    });
    if (!res.ok) throw new Error(`piece ${seq}: ${res.status} ${await res.text()}`);
  }
  await handle.close();
  const uploadSeconds = (performance.now() - uploadStart) / 1000;

  phase = "import";
  const importStart = performance.now();
  const started = await fetch(`${base}/${id}/start`, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: "{}" });
  if (started.status !== 202) throw new Error(`start: ${started.status} ${await started.text()}`);
  let detail: { status: string; accepted: number; rejected: number; error: string | null; processedBytes: number };
  for (;;) {
    detail = await (await fetch(`${base}/${id}`, { headers })).json();
    if (detail.status === "DONE" || detail.status === "FAILED") break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const importSeconds = (performance.now() - importStart) / 1000;
  clearInterval(sampler);
  if (detail.status !== "DONE" || detail.accepted !== rows)
    throw new Error(`import ended ${detail.status} with ${detail.accepted} of ${rows} accepted: ${detail.error ?? ""}`);

  const peak = (p: string) => Math.max(0, ...samples.filter((s) => s.phase === p).map((s) => s.rss));
  const importRss = samples.filter((s) => s.phase === "import").map((s) => s.rss);
  const quarter = Math.max(1, Math.floor(importRss.length / 4));
  console.log(`upload:  ${uploadSeconds.toFixed(1)} s, ${(size / 1024 / 1024 / uploadSeconds).toFixed(1)} MB/s`);
  console.log(`import:  ${importSeconds.toFixed(1)} s, ${Math.round(rows / importSeconds)} rows/s (job picked up, parsed, ingested, checkpointed)`);
  console.log(`server RSS: idle ${mb(peak("idle"))}, peak during upload ${mb(peak("upload"))}, peak during import ${mb(peak("import"))}`);
  console.log(
    `server RSS during import, first quarter peak ${mb(Math.max(...importRss.slice(0, quarter)))}, last quarter peak ${mb(Math.max(...importRss.slice(-quarter)))}`,
  );
  const overall = Math.max(peak("upload"), peak("import"));
  console.log(overall < 300 * 1024 * 1024 ? "memory goal met: peak under 300 MB" : `memory goal NOT met: peak ${mb(overall)}`);
} finally {
  await server?.stop();
  await database.stop().catch(() => {});
  await rm(dir, { recursive: true, force: true });
  await rm(pgDir, { recursive: true, force: true });
}
