import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { log } from "@/lib/ops/log";
import { run } from "./run";

const SOURCES = ["app", "components", "lib", "proxy.ts", "instrumentation.ts", "next.config.js", "postcss.config.mjs", "package-lock.json", "tsconfig.json"];

async function newestMtime(entry: string): Promise<number> {
  const info = await stat(entry).catch(() => null);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const child of await readdir(entry)) newest = Math.max(newest, await newestMtime(path.join(entry, child)));
  return newest;
}

/** Builds the production bundle when there is none, or when a source is newer than it. */
export async function buildIfNeeded(): Promise<void> {
  const built = await stat(".next/BUILD_ID").catch(() => null);
  if (built) {
    const newest = Math.max(...(await Promise.all(SOURCES.map(newestMtime))));
    if (newest <= built.mtimeMs) return;
    log().info("sources changed since the last build: rebuilding");
  } else {
    log().info("building the app (first start only: about 2 minutes on 2 cores)");
  }
  await run("node_modules/.bin/next", ["build"], { ...process.env, NEXT_TELEMETRY_DISABLED: "1" });
}
