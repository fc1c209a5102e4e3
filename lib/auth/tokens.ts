import { createHash, randomBytes } from "node:crypto";

/** A random secret for links and keys; only its hash is stored. */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

export const API_KEY_PREFIX = "assay_";

export function newApiKey(): string {
  return `${API_KEY_PREFIX}${newSecret(30)}`;
}

/** What lists show of a key: enough to recognise it, too little to use it. */
export function apiKeyHint(key: string): string {
  return `${key.slice(0, 10)}…${key.slice(-4)}`;
}
