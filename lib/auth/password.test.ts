import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";

describe("password hashing", () => {
  it("verifies the password it hashed and refuses another", async () => {
    const encoded = await hashPassword("correct horse battery staple");
    expect(encoded.startsWith("scrypt$32768$8$1$")).toBe(true);
    expect(await verifyPassword("correct horse battery staple", encoded)).toBe(true);
    expect(await verifyPassword("correct horse battery stapler", encoded)).toBe(false);
    expect(await verifyPassword("", encoded)).toBe(false);
  });

  it("salts every hash", async () => {
    const [a, b] = await Promise.all([hashPassword("same password 123"), hashPassword("same password 123")]);
    expect(a).not.toBe(b);
    expect(a.split("$")[4]).not.toBe(b.split("$")[4]);
    expect(await verifyPassword("same password 123", a)).toBe(true);
    expect(await verifyPassword("same password 123", b)).toBe(true);
  });

  it("answers false, without throwing, for malformed stored values", async () => {
    const malformed = [
      "",
      "scrypt",
      "bcrypt$2b$10$abcdefghijklmnopqrstuv",
      "scrypt$32768$8$1$c2FsdA$",
      "scrypt$abc$8$1$c2FsdA$aGFzaA",
      "scrypt$1000$8$1$c2FsdA$aGFzaA",
      "scrypt$1073741824$8$1$c2FsdA$aGFzaA",
    ];
    for (const encoded of malformed) expect(await verifyPassword("anything at all", encoded), encoded).toBe(false);
  });

  it("treats NFKC-equivalent spellings as the same password", async () => {
    // "ﬁ" (U+FB01) is the ligature of "fi"; "é" composed and decomposed are the same letter.
    const encoded = await hashPassword("ﬁre café 2026");
    expect(await verifyPassword("fire café 2026", encoded)).toBe(true);
    expect(await verifyPassword("fire cafe\u0301 2026", encoded)).toBe(true);
    expect(await verifyPassword("fire cafe 2026", encoded)).toBe(false);
  });
});
