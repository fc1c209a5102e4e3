import { type APIRequestContext, type Page, expect } from "@playwright/test";
import { BASE_URL } from "./base-url";

export const DEMO_PASSWORD = "assay-demo-2026";
export const DEMO = {
  admin: "admin@demo.test",
  engineer: "engineer@demo.test",
  expert: "expert1@demo.test",
} as const;

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.com`;
}

/** Signs in over HTTP (next-auth's credentials endpoint), not through the form. */
export async function signIn(request: APIRequestContext, email: string, password = DEMO_PASSWORD): Promise<void> {
  const csrf = await request.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
  });
  expect(response.ok()).toBeTruthy();
  const session = await (await request.get("/api/auth/session")).json();
  expect(session?.user?.email, `signed in as ${email}`).toBe(email);
}

/** A JSON call to our own API with the page's cookies and our Origin, as the UI makes it. */
export async function apiCall(page: Page, method: string, url: string, data?: unknown) {
  return page.request.fetch(url, { method, data, headers: { origin: BASE_URL } });
}

/** Creates an invitation as a signed-in admin and returns the link. */
export async function invite(page: Page, email: string, role = "EXPERT"): Promise<string> {
  const response = await apiCall(page, "POST", "/api/projects/demo/invitations", { email, role });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { url: string }).url;
}
