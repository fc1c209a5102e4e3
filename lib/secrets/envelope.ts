import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

// Secrets at rest as AES-256-GCM envelopes: `v1:<key id>:<nonce>:<ciphertext+tag>`, base64url.
// The key id names the key that sealed the envelope, so keys can be rotated: a keyring holds
// the current key (which seals) and retired ones (which still open). The additional data binds
// an envelope to where it is stored, so a sealed value copied into another row does not open.

export interface SecretKey {
  id: string;
  key: Buffer;
}

export interface Keyring {
  current: SecretKey;
  /** Retired keys: they open old envelopes and never seal new ones. */
  old: readonly SecretKey[];
}

const VERSION = "v1";
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** A key's id: a short digest of the key itself, so the same key always carries the same id. */
export function keyId(key: Buffer): string {
  return createHash("sha256").update("assay-secret-key-id").update(key).digest("base64url").slice(0, 10);
}

export function secretKey(key: Buffer): SecretKey {
  if (key.length !== 32) throw new Error("An encryption key is 32 bytes");
  return { id: keyId(key), key };
}

export function seal(keyring: Keyring, plain: string, boundTo: string): string {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyring.current.key, nonce);
  cipher.setAAD(Buffer.from(boundTo, "utf8"));
  const sealed = Buffer.concat([cipher.update(plain, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return [VERSION, keyring.current.id, nonce.toString("base64url"), sealed.toString("base64url")].join(":");
}

export class SecretUnreadable extends Error {
  constructor(readonly reason: "malformed" | "unknown_key" | "tampered") {
    super(`The stored secret cannot be opened (${reason.replace("_", " ")})`);
    this.name = "SecretUnreadable";
  }
}

/** The key id an envelope was sealed with (null when it is not an envelope). */
export function envelopeKeyId(envelope: string): string | null {
  const parts = envelope.split(":");
  return parts.length === 4 && parts[0] === VERSION ? parts[1] : null;
}

export function open(keyring: Keyring, envelope: string, boundTo: string): string {
  const parts = envelope.split(":");
  if (parts.length !== 4 || parts[0] !== VERSION) throw new SecretUnreadable("malformed");
  const [, id, nonceText, sealedText] = parts;
  const key = [keyring.current, ...keyring.old].find((k) => k.id === id);
  if (!key) throw new SecretUnreadable("unknown_key");
  const nonce = Buffer.from(nonceText, "base64url");
  const sealed = Buffer.from(sealedText, "base64url");
  if (nonce.length !== NONCE_BYTES || sealed.length < TAG_BYTES) throw new SecretUnreadable("malformed");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key.key, nonce);
    decipher.setAAD(Buffer.from(boundTo, "utf8"));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretUnreadable("tampered");
  }
}

/** Whether an envelope was sealed by a key other than the current one (and so wants re-sealing). */
export function sealedByOldKey(keyring: Keyring, envelope: string): boolean {
  return envelopeKeyId(envelope) !== keyring.current.id;
}
