export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const BASE_URL = `http://127.0.0.1:${E2E_PORT}`;

/** The OpenID Connect provider the sign-on specs start (e2e/identity-provider.ts), as the app server knows it. */
export const IDP = {
  port: E2E_PORT + 1,
  issuer: `http://127.0.0.1:${E2E_PORT + 1}`,
  clientId: "assay-e2e",
  clientSecret: "assay-e2e-client-secret-0123456789",
  name: "Test IdP",
} as const;

/** The OpenAI-compatible stub the model connection specs start (tests/support/model-stub.ts), allowed by the app server. */
export const MODEL_STUB = { port: E2E_PORT + 2, hostPort: `127.0.0.1:${E2E_PORT + 2}`, url: `http://127.0.0.1:${E2E_PORT + 2}/v1` } as const;

/** The stub the judges flow starts and runs its judge against, beside the connection specs' own. */
export const JUDGE_STUB = { port: E2E_PORT + 3, hostPort: `127.0.0.1:${E2E_PORT + 3}`, url: `http://127.0.0.1:${E2E_PORT + 3}/v1` } as const;
