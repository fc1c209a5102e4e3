import { readFile, readdir } from "node:fs/promises";

// The resident memory of a process and everything it started (VmRSS summed over the tree),
// as the benchmarks sample a server: `next start` hands requests to child processes.

export async function treeRss(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  let kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  for (const task of await readdir(`/proc/${pid}/task`).catch(() => [] as string[])) {
    const children = (await readFile(`/proc/${pid}/task/${task}/children`, "utf8").catch(() => "")).trim();
    for (const child of children ? children.split(/\s+/) : []) kb += await treeRss(Number(child));
  }
  return kb * 1024;
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
