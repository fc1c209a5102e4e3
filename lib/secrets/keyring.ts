import { hkdfSync } from "node:crypto";
import { type TEnv, env } from "@/lib/env";
import { type Keyring, type SecretKey, secretKey } from "./envelope";

// The instance's keyring from its settings. ASSAY_ENCRYPTION_KEY seals; without it a key is
// derived from the session secret (NEXTAUTH_SECRET, which `npm start` generates and keeps), so
// a fresh install encrypts with nothing to configure. The derived key stays readable after an
// explicit key is set, and ASSAY_ENCRYPTION_KEYS_OLD lists keys retired by a rotation.

/** 32 bytes written as 64 hex characters or as base64 (standard or URL-safe). */
export function parseKey(text: string, name: string): SecretKey {
  const trimmed = text.trim();
  const bytes = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, "hex") : Buffer.from(trimmed, "base64");
  if (bytes.length !== 32) throw new Error(`${name} must be 32 bytes, as 64 hex characters or base64 (e.g. \`openssl rand -base64 32\`)`);
  return secretKey(bytes);
}

/** HKDF-SHA256 of the session secret, for one purpose only: sealing stored secrets. */
export function derivedKey(sessionSecret: string): SecretKey {
  return secretKey(Buffer.from(hkdfSync("sha256", sessionSecret, "assay", "assay stored secrets v1", 32)));
}

export function keyringFrom(e: Pick<TEnv, "ASSAY_ENCRYPTION_KEY" | "ASSAY_ENCRYPTION_KEYS_OLD" | "NEXTAUTH_SECRET">): Keyring {
  const derived = e.NEXTAUTH_SECRET ? derivedKey(e.NEXTAUTH_SECRET) : null;
  const current = e.ASSAY_ENCRYPTION_KEY ? parseKey(e.ASSAY_ENCRYPTION_KEY, "ASSAY_ENCRYPTION_KEY") : derived;
  if (!current) throw new Error("Set ASSAY_ENCRYPTION_KEY (or NEXTAUTH_SECRET) to store model connection secrets");
  const retired = e.ASSAY_ENCRYPTION_KEYS_OLD.split(",")
    .map((k) => k.trim())
    .filter(Boolean)
    .map((k) => parseKey(k, "ASSAY_ENCRYPTION_KEYS_OLD"));
  const old = [...retired, ...(derived ? [derived] : [])].filter((k, i, all) => k.id !== current.id && all.findIndex((o) => o.id === k.id) === i);
  return { current, old };
}

let cached: Keyring | undefined;

export function keyring(): Keyring {
  cached ??= keyringFrom(env());
  return cached;
}

/** For tests that change the keys between cases. */
export function resetKeyring(): void {
  cached = undefined;
}
