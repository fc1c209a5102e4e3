/** `--scale N` from the command line (1 when absent): the share of a full run to do. */
export function scaleArg(): number {
  const at = process.argv.indexOf("--scale");
  return at > 0 ? Number(process.argv[at + 1]) : 1;
}
