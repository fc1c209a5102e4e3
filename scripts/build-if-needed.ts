import { buildIfNeeded } from "./lib/build";

await buildIfNeeded();
