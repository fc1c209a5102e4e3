import { type ChildProcess, spawn } from "node:child_process";
import { freePort } from "@/lib/db/embedded";
import { processTreeMs } from "./cpu";
import { nextStartArgs, serverEnv } from "@/scripts/lib/server";

// The production build as every benchmark runs it: `next start` on a free local port with the
// environment `npm start` gives it (scripts/lib/server.ts), up once /api/health answers, and
// stopped whether it is running, never came up, or already died.

export interface BenchServer {
  url: string;
  process: ChildProcess;
  /** CPU time (user + system, ms) the server and its child processes have used so far; null where /proc is not there to read. */
  cpuMs(): Promise<number | null>;
  stop(): Promise<void>;
}

export interface ServerOptions {
  /** Variables on top of this process's environment (DATABASE_URL, NEXTAUTH_SECRET, ASSAY_JOBS…). */
  env: Record<string, string>;
  /** Replaces the server's heap cap (MB; 0: Node's default). */
  heapMb?: number;
  /** How long the server may take to answer its health check. */
  startTimeoutMs?: number;
}

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

export async function startServer({ env, heapMb, startTimeoutMs = 120_000 }: ServerOptions): Promise<BenchServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // BENCH_CPU_PROFILE=<dir>: the server writes a V8 CPU profile there when it stops.
  const profile = process.env.BENCH_CPU_PROFILE ? ["--cpu-prof", "--cpu-prof-dir", process.env.BENCH_CPU_PROFILE] : [];
  // Idle connections kept as `npm start` keeps them (scripts/lib/server.ts): longer than any client does.
  const next = ["node_modules/next/dist/bin/next", ...nextStartArgs(String(port), "127.0.0.1")];
  const child = spawn(process.execPath, [...profile, ...next], {
    stdio: ["ignore", "ignore", "inherit"],
    env: serverEnv({ ...process.env, NODE_ENV: "production", NEXTAUTH_URL: url, NEXT_TELEMETRY_DISABLED: "1", ...env }, heapMb),
  });
  const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const server: BenchServer = {
    url,
    process: child,
    async cpuMs() {
      return processTreeMs(child.pid!).catch(() => null);
    },
    async stop() {
      if (exited(child)) return;
      child.kill("SIGTERM");
      const killed = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await gone;
      clearTimeout(killed);
    },
  };
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (exited(child)) throw new Error(`the server exited (code ${child.exitCode ?? child.signalCode}) before it answered`);
    if (
      await fetch(`${url}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return server;
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`the server did not answer within ${startTimeoutMs / 1000} s`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
