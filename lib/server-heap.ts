// The web server's heap cap. V8 sizes its heap from the machine's memory and collects
// lazily: on a machine with gigabytes free, the server settles far above what it keeps
// alive (during a file import, ~360 MB resident for ~40 MB of live data). A cap on the old
// generation makes it collect sooner. `ASSAY_SERVER_HEAP_MB` sets it (0 keeps Node's
// default); a --max-old-space-size the operator put in NODE_OPTIONS wins over both.

const HEAP_FLAG = /--max-old-space-size[=\s]/;

/** NODE_OPTIONS for the server process, from the ones it would otherwise get. */
export function serverNodeOptions(nodeOptions: string | undefined, heapMb: number): string | undefined {
  const given = nodeOptions?.trim() ?? "";
  if (HEAP_FLAG.test(given) || heapMb === 0) return given || undefined;
  return `${given} --max-old-space-size=${heapMb}`.trim();
}
