// What every subcommand of `assay` shares: the API key, the failure that stops a command,
// and a progress line that rewrites itself on a terminal.

/** A failure the user can act on: printed without a stack, exit status 2. */
export class Fatal extends Error {}

/** The key given with --api-key, else ASSAY_API_KEY. */
export function apiKey(given?: string): string {
  const key = given ?? process.env.ASSAY_API_KEY;
  if (!key) throw new Fatal("set ASSAY_API_KEY to an API key of the project");
  return key;
}

/** Writes a progress line to stderr: in place on a terminal, one line each otherwise. */
export const progress = Object.assign(
  (text: string) => {
    process.stderr.write(process.stderr.isTTY ? `\r${text}` : `${text}\n`);
  },
  {
    end() {
      if (process.stderr.isTTY) process.stderr.write("\n");
    },
  },
);
