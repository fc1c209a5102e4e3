import { describe, expect, it } from "vitest";
import { sessionFromToken, signedInAtOf } from "./session-token";

describe("when a session signed in", () => {
  it("is the sign-in's own instant, whatever later refreshes did to iat", () => {
    expect(signedInAtOf({ signedInAt: 1_700_000_000_123, iat: 1_800_000_000 })).toBe(1_700_000_000_123);
  });

  it("falls back to iat for tokens issued before the claim existed, and to the oldest instant without either", () => {
    expect(signedInAtOf({ iat: 1_700_000_000 })).toBe(1_700_000_000_000);
    expect(signedInAtOf({})).toBe(0);
  });

  it("belongs to a session only when the token names a user", () => {
    expect(sessionFromToken({ sub: "u1", signedInAt: 5 })).toEqual({ userId: "u1", signedInAt: 5 });
    expect(sessionFromToken({ signedInAt: 5 })).toBeNull();
  });
});
