import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SecretUnreadable, envelopeKeyId, open, seal, sealedByOldKey, secretKey } from "./envelope";
import { derivedKey, keyringFrom, parseKey } from "./keyring";

const key = () => secretKey(randomBytes(32));
const ENV = { ASSAY_ENCRYPTION_KEYS_OLD: "", NEXTAUTH_SECRET: "a session secret of some length" };

describe("secret envelopes", () => {
  it("seal to something other than the plain text, name their key, and open again", () => {
    const ring = { current: key(), old: [] };
    const sealed = seal(ring, "sk-live-123", "p/c/apiKey");
    expect(sealed).not.toContain("sk-live-123");
    expect(sealed).toMatch(/^v1:[\w-]+:[\w-]+:[\w-]+$/);
    expect(envelopeKeyId(sealed)).toBe(ring.current.id);
    expect(open(ring, sealed, "p/c/apiKey")).toBe("sk-live-123");
  });

  it("use a fresh nonce each time", () => {
    const ring = { current: key(), old: [] };
    expect(seal(ring, "same", "x")).not.toBe(seal(ring, "same", "x"));
  });

  it("refuse to open where they were not sealed, when tampered with, or under an unknown key", () => {
    const ring = { current: key(), old: [] };
    const sealed = seal(ring, "secret", "p/c1/apiKey");
    const reason = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return (e as SecretUnreadable).reason;
      }
      return "opened";
    };
    expect(reason(() => open(ring, sealed, "p/c2/apiKey"))).toBe("tampered");
    const parts = sealed.split(":");
    const flipped = Buffer.from(parts[3], "base64url");
    flipped[0] ^= 1;
    expect(reason(() => open(ring, [...parts.slice(0, 3), flipped.toString("base64url")].join(":"), "p/c1/apiKey"))).toBe("tampered");
    expect(reason(() => open({ current: key(), old: [] }, sealed, "p/c1/apiKey"))).toBe("unknown_key");
    expect(reason(() => open(ring, "plain text", "p/c1/apiKey"))).toBe("malformed");
  });

  it("open with a retired key after a rotation, and say the envelope wants re-sealing", () => {
    const first = key();
    const sealed = seal({ current: first, old: [] }, "secret", "b");
    const rotated = { current: key(), old: [first] };
    expect(open(rotated, sealed, "b")).toBe("secret");
    expect(sealedByOldKey(rotated, sealed)).toBe(true);
    expect(sealedByOldKey(rotated, seal(rotated, "secret", "b"))).toBe(false);
  });
});

describe("the keyring from the settings", () => {
  it("derives its key from the session secret when no key is set, the same each time", () => {
    const ring = keyringFrom(ENV);
    expect(ring.current.id).toBe(derivedKey(ENV.NEXTAUTH_SECRET).id);
    expect(ring.old).toEqual([]);
    expect(keyringFrom(ENV).current.key.equals(ring.current.key)).toBe(true);
  });

  it("seals with ASSAY_ENCRYPTION_KEY and still opens what the derived key and the old keys sealed", () => {
    const retired = randomBytes(32);
    const explicit = randomBytes(32);
    const ring = keyringFrom({ ...ENV, ASSAY_ENCRYPTION_KEY: explicit.toString("base64"), ASSAY_ENCRYPTION_KEYS_OLD: ` ${retired.toString("hex")} ` });
    expect(ring.current.key.equals(explicit)).toBe(true);
    expect(ring.old.map((k) => k.id)).toEqual([secretKey(retired).id, derivedKey(ENV.NEXTAUTH_SECRET).id]);
    const bySecret = seal(keyringFrom(ENV), "from before", "b");
    expect(open(ring, bySecret, "b")).toBe("from before");
  });

  it("accepts 32 bytes as hex, base64 or base64url and refuses anything else", () => {
    const bytes = randomBytes(32);
    for (const text of [bytes.toString("hex"), bytes.toString("base64"), bytes.toString("base64url")]) expect(parseKey(text, "K").key.equals(bytes)).toBe(true);
    expect(() => parseKey("too short", "K")).toThrow(/32 bytes/);
    expect(() => keyringFrom({ ASSAY_ENCRYPTION_KEYS_OLD: "" })).toThrow(/ASSAY_ENCRYPTION_KEY/);
  });
});
