import { readFile, readdir } from "node:fs/promises";
import path from "node:path";

// What the fault benchmarks do to processes: kill one with everything it started, as the
// kernel's OOM killer or a crashed host would (no signal handler runs), and wait for a
// condition with a deadline instead of sleeping for a guessed time.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Fields of /proc/PID/stat after the command name (which may hold spaces and parentheses). */
async function statFields(pid: number | string): Promise<string[] | null> {
  const stat = await readFile(path.join("/proc", String(pid), "stat"), "utf8").catch(() => null);
  return stat === null ? null : stat.slice(stat.lastIndexOf(")") + 2).split(" ");
}

/** Running, as opposed to gone or a zombie nobody has reaped yet (as in a container without init). */
async function alive(pid: number): Promise<boolean> {
  const fields = await statFields(pid);
  return fields !== null && fields[0] !== "Z";
}

/** `pid` and its descendants, from /proc (Linux). */
async function processTree(pid: number): Promise<number[]> {
  const parents = new Map<number, number[]>();
  for (const name of await readdir("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const ppid = Number((await statFields(name))?.[1]);
    if (ppid) parents.set(ppid, [...(parents.get(ppid) ?? []), Number(name)]);
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) tree.push(...(parents.get(tree[i]) ?? []));
  return tree;
}

/** SIGKILLs `pid` and its descendants, and returns once every one of them is gone. */
export async function killTree(pid: number): Promise<void> {
  const tree = await processTree(pid);
  for (const p of tree) {
    try {
      process.kill(p, "SIGKILL");
    } catch {
      // already gone
    }
  }
  await until(`processes ${tree.join(", ")} to exit`, async () => !(await Promise.all(tree.map(alive))).some(Boolean), 30_000);
}

/** Resolves once `check` answers true; throws after `timeoutMs`. */
export async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${timeoutMs / 1000} s`);
    await sleep(50);
  }
}

/** The postmaster's pid of the cluster in `clusterDir` (first line of postmaster.pid). */
export async function postmasterPid(clusterDir: string): Promise<number> {
  return Number((await readFile(path.join(clusterDir, "postmaster.pid"), "utf8")).split("\n")[0]);
}
