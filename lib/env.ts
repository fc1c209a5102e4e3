import { z } from "zod";

// The one place that reads process.env. Everything else asks `env()`.
export const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  DATABASE_URL: z.string().min(1).optional(),
  // Secret that signs session tokens. `npm start` generates and keeps one when unset.
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  // Public base URL of this instance: invitation and reset links, the Origin check.
  NEXTAUTH_URL: z.url().default("http://localhost:3000"),
  ASSAY_INIT_ADMIN_EMAIL: z.email().optional(),
  ASSAY_INIT_ADMIN_PASSWORD: z.string().min(8).optional(),
  ASSAY_INIT_PROJECT: z.string().min(1).optional(),
  ASSAY_INIT_API_KEY: z.string().min(20).optional(),
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_NAME: z.string().default("Single sign-on"),
  GITHUB_CLIENT_ID: z.string().optional(),
  GITHUB_CLIENT_SECRET: z.string().optional(),
  ASSAY_JOBS: z.enum(["on", "off"]).default("on"),
  // Addresses of the reverse proxies in front of Assay, comma-separated: X-Forwarded-For is
  // believed only as far back as these (lib/http/client-address.ts).
  ASSAY_TRUSTED_PROXIES: z
    .string()
    .default("")
    .transform((v) =>
      v
        .split(",")
        .map((a) => a.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.union([z.ipv4(), z.ipv6()], "List proxies as IP addresses, comma-separated"))),
  // Encrypts model connection keys and secret headers at rest (32 bytes as base64 or hex).
  // Unset: a key derived from NEXTAUTH_SECRET (lib/secrets/keyring.ts).
  ASSAY_ENCRYPTION_KEY: z.string().optional(),
  // Keys retired by a rotation, comma-separated: still read, never written (run `npm run secrets:reencrypt`).
  ASSAY_ENCRYPTION_KEYS_OLD: z.string().default(""),
  // Hosts (host or host:port, comma-separated) that model connections may reach although they
  // are private, loopback or link-local: self-hosted models on the local network (lib/outbound).
  ASSAY_ALLOWED_MODEL_HOSTS: z.string().default(""),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  // Where `npm start` keeps the embedded cluster and the generated secret.
  ASSAY_DATA_DIR: z.string().default(".data"),
  ASSAY_EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  // Cap on the web server's V8 old generation in MB (lib/server-heap.ts); 0 keeps Node's default.
  ASSAY_SERVER_HEAP_MB: z.coerce
    .number()
    .int()
    .refine((n) => n === 0 || n >= 64, "Use 0 (Node's default) or at least 64")
    .default(256),
  // Log lines at this level and above go to stdout as JSON (lib/ops/log.ts).
  ASSAY_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // Trace batches (REST, OTLP, file imports) one instance writes at once (two: one in the
  // database while the other's round trips pass through the app), and how long a batch
  // sent over HTTP may wait for its turn before it is answered 429 (lib/traces/write-gate.ts).
  ASSAY_INGEST_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  ASSAY_INGEST_MAX_WAIT_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  // Bearer token for GET /api/metrics; metrics are off (404) while it is unset.
  ASSAY_METRICS_TOKEN: z.string().min(16, "Use at least 16 characters").optional(),
});

export type TEnv = z.infer<typeof ZEnv>;

let cached: TEnv | undefined;

export function env(): TEnv {
  if (!cached) {
    const blankless = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== ""));
    const parsed = ZEnv.safeParse(blankless);
    if (!parsed.success) {
      const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
      throw new Error(`Invalid environment:\n${lines.join("\n")}`);
    }
    cached = parsed.data;
  }
  return cached;
}

/** For tests that change the environment between cases. */
export function resetEnvCache(): void {
  cached = undefined;
}

export function hasInitSettings(e: TEnv = env()): boolean {
  return Boolean(e.ASSAY_INIT_ADMIN_EMAIL || e.ASSAY_INIT_ADMIN_PASSWORD || e.ASSAY_INIT_PROJECT || e.ASSAY_INIT_API_KEY);
}
