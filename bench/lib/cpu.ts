import { readFile, readdir } from "node:fs/promises";

// CPU time from /proc, for the benchmarks that say where a machine's cores went: a process
// and everything it started, and the whole machine.

// Clock ticks a second (`getconf CLK_TCK`): 100 on every Linux a benchmark runs on.
const TICKS_PER_SECOND = 100;

/**
 * utime + stime (fields 14 and 15 of `stat`) of a process and its live descendants, in ms.
 * With `reaped`, also the time of children that have exited and been waited for (cutime +
 * cstime): PostgreSQL's postmaster reaps every backend that closes.
 */
export async function processTreeMs(pid: number, reaped = false): Promise<number> {
  return ((await treeTicks(pid, reaped)) * 1000) / TICKS_PER_SECOND;
}

async function treeTicks(pid: number, reaped: boolean): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8");
  // The command name may hold spaces; the fields after it are separated by single spaces.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  let ticks = Number(fields[11]) + Number(fields[12]) + (reaped ? Number(fields[13]) + Number(fields[14]) : 0);
  for (const task of await readdir(`/proc/${pid}/task`)) {
    const children = await readFile(`/proc/${pid}/task/${task}/children`, "utf8").catch(() => "");
    for (const child of children.split(" ").filter(Boolean)) ticks += await treeTicks(Number(child), reaped).catch(() => 0);
  }
  return ticks;
}

/** The machine's busy CPU time (every core, everything but idle and I/O wait), in ms, from the first line of /proc/stat. */
export async function machineBusyMs(): Promise<number> {
  const first = (await readFile("/proc/stat", "utf8")).split("\n", 1)[0];
  // cpu user nice system idle iowait irq softirq steal …
  const [user, nice, system, , , irq, softirq, steal] = first.trim().split(/\s+/).slice(1).map(Number);
  return ((user + nice + system + irq + softirq + (steal || 0)) * 1000) / TICKS_PER_SECOND;
}
