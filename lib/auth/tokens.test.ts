import { describe, expect, it } from "vitest";
import { API_KEY_PREFIX, apiKeyHint, newApiKey, newSecret, sha256 } from "./tokens";

describe("API keys", () => {
  it("start with the prefix and carry 240 random bits", () => {
    const key = newApiKey();
    expect(key.startsWith(API_KEY_PREFIX)).toBe(true);
    // 30 bytes in base64url are 40 characters, no padding.
    expect(key).toHaveLength(API_KEY_PREFIX.length + 40);
    expect(key.slice(API_KEY_PREFIX.length)).toMatch(/^[A-Za-z0-9_-]{40}$/);
  });

  it("never repeat", () => {
    const keys = new Set(Array.from({ length: 1000 }, () => newApiKey()));
    expect(keys.size).toBe(1000);
  });

  it("are shown as a hint too short to use", () => {
    const key = newApiKey();
    const hint = apiKeyHint(key);
    expect(hint).not.toContain(key);
    expect(hint.startsWith(key.slice(0, 10))).toBe(true);
    expect(hint.endsWith(key.slice(-4))).toBe(true);
    // What the hint reveals of the random part is a small fraction of it.
    expect(hint.replace("…", "").length).toBeLessThan(key.length / 2);
  });
});

describe("secrets and hashes", () => {
  it("hash stably to hex", () => {
    expect(sha256("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const secret = newSecret();
    expect(sha256(secret)).toBe(sha256(secret));
    expect(sha256(secret)).not.toBe(sha256(`${secret}x`));
  });

  it("make secrets of the asked size", () => {
    expect(newSecret()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newSecret(12)).toHaveLength(16);
    expect(newSecret()).not.toBe(newSecret());
  });
});
