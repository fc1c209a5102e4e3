import { startEmbeddedPostgres } from "../../lib/db/embedded.ts";
const db = await startEmbeddedPostgres({ dir: "/tmp/devpg", port: 55432, log: console.log });
console.log("URL", db.url);
setInterval(() => {}, 1 << 30);
