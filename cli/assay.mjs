#!/usr/bin/env node
// The `assay` command. Runs cli/assay.ts through tsx (a dependency of the package), so the
// command shares lib's TypeScript modules with the server. See `assay --help`.
import { register } from "tsx/esm/api";

register();
await import("./assay.ts");
