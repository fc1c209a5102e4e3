import { readFile, readdir } from "node:fs/promises";

/** Resident memory of a process and all its descendants, in bytes (Linux /proc). */
export async function treeRss(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  let kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  for (const task of await readdir(`/proc/${pid}/task`).catch(() => [] as string[])) {
    const children = (await readFile(`/proc/${pid}/task/${task}/children`, "utf8").catch(() => "")).trim();
    for (const child of children ? children.split(/\s+/) : []) kb += await treeRss(Number(child));
  }
  return kb * 1024;
}
