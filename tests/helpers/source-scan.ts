import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";

// Ownership checks read the source as text: every line of the scanned folders that matches a
// pattern, outside the files the owner (or an agreed exception) may hold.

const SCANNED = ["app", "components", "lib", "cli", "scripts"];
const SKIPPED_DIRS = new Set(["node_modules", "generated", ".next"]);

/** The repository root, for tests anywhere below it. */
export const REPOSITORY_ROOT = path.resolve(__dirname, "../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) ? [] : sourceFiles(full);
    return /\.(ts|tsx|mts|mjs|js)$/.test(entry.name) ? [full] : [];
  });
}

/** `path:line: what` for each matching line of a file `allowed` does not exempt (paths relative to the root, with `/`). */
export function sourceOffenders(root: string, patterns: readonly [string, RegExp][], allowed: (relativePath: string) => boolean): string[] {
  const found: string[] = [];
  for (const top of SCANNED) {
    for (const file of sourceFiles(path.join(root, top))) {
      const rel = path.relative(root, file).split(path.sep).join("/");
      if (allowed(rel)) continue;
      readFileSync(file, "utf8")
        .split("\n")
        .forEach((line, i) => {
          for (const [what, re] of patterns) if (re.test(line)) found.push(`${rel}:${i + 1}: ${what}`);
        });
    }
  }
  return found;
}
