// A session token carries when its sign-in happened (`signedInAt`, milliseconds), kept as the
// token is refreshed. next-auth's own `iat` moves forward on every refresh, so it cannot tell
// a session from before a password reset; it only stands in for tokens issued before
// `signedInAt` existed.

export interface Session {
  userId: string;
  signedInAt: number;
}

interface TokenClaims {
  sub?: unknown;
  iat?: unknown;
  signedInAt?: unknown;
}

export function signedInAtOf(token: TokenClaims): number {
  if (typeof token.signedInAt === "number") return token.signedInAt;
  return typeof token.iat === "number" ? token.iat * 1000 : 0;
}

export function sessionFromToken(token: TokenClaims): Session | null {
  return typeof token.sub === "string" ? { userId: token.sub, signedInAt: signedInAtOf(token) } : null;
}
