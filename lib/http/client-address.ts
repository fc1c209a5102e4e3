import { env } from "@/lib/env";

// The address a request came from, for sign-in throttling. A route handler never sees the
// socket: Next.js passes it on as X-Forwarded-For, but only when the peer sent no such header
// itself. So the header is read from the right, and only the operator's own proxies
// (ASSAY_TRUSTED_PROXIES) are skipped: the first address that is not one of theirs is the
// client. Without listed proxies that is the peer, or whatever the peer claims to be.

function normalize(address: string): string {
  const bare = address.trim().toLowerCase();
  return bare.startsWith("::ffff:") && bare.includes(".") ? bare.slice("::ffff:".length) : bare;
}

export function clientAddress(req: Request, trustedProxies: readonly string[] = env().ASSAY_TRUSTED_PROXIES): string {
  const trusted = new Set(trustedProxies.map(normalize));
  const hops = (req.headers.get("x-forwarded-for") ?? "").split(",").map(normalize).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!trusted.has(hops[i])) return hops[i];
  }
  return hops[0] ?? "unknown";
}
