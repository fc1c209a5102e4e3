#!/usr/bin/env node
// The `assay` command. Runs cli/assay.ts through tsx (a dependency of the package), so the
// command shares lib's TypeScript modules with the server. See `assay --help`.
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

// The package's tsconfig.json, wherever the command is run from: it maps the `@/` imports.
register({ tsconfig: fileURLToPath(new URL("../tsconfig.json", import.meta.url)) });
await import("./assay.ts");
