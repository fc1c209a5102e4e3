import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { closeDb, db } from "@/lib/db/client";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { seedDemo } from "@/lib/seed/demo";
import { migrateDeploy } from "@/scripts/lib/run";
import { nextStartArgs } from "@/scripts/lib/server";
import { IDP, JUDGE_STUB, MODEL_STUB } from "./base-url";

// The server the browser tests run against: the production build on a throw-away embedded
// Postgres holding the demo project, with single sign-on through the provider that the sign-on
// specs start (e2e/identity-provider.ts), and model connections allowed to the stub that the
// connection specs start (tests/support/model-stub.ts).

const port = process.env.E2E_PORT ?? "3100";
const dir = await mkdtemp(path.join(tmpdir(), "assay-e2e-"));
const database = await startEmbeddedPostgres({ dir, database: "assay_e2e", persistent: false });
process.env.DATABASE_URL = database.url;
await migrateDeploy(database.url);
await seedDemo(db());
await closeDb();

const server = spawn("node_modules/.bin/next", nextStartArgs(port, "127.0.0.1"), {
  stdio: "inherit",
  env: {
    ...process.env,
    DATABASE_URL: database.url,
    NEXTAUTH_SECRET: "e2e-secret-0123456789abcdef",
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
    OIDC_ISSUER: IDP.issuer,
    OIDC_CLIENT_ID: IDP.clientId,
    OIDC_CLIENT_SECRET: IDP.clientSecret,
    OIDC_NAME: IDP.name,
    // The model stubs the connection and judge specs start listen on loopback, which is refused unless allowed.
    ASSAY_ALLOWED_MODEL_HOSTS: `${MODEL_STUB.hostPort},${JUDGE_STUB.hostPort}`,
  },
});

async function stop() {
  server.kill("SIGTERM");
  await new Promise((resolve) => server.once("exit", resolve));
  await database.stop().catch(() => {});
  await rm(dir, { recursive: true, force: true });
  process.exit(0);
}
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
server.on("exit", (code) => {
  if (code !== null && code !== 0) process.exit(code);
});
