// Hosts an instance lets outbound requests reach although the address policy would refuse
// them: a self-hosted model on the private network. Entries are `host` (any port) or
// `host:port`; IPv6 literals as `[::1]:8000` or bare `::1`. Matched against the URL's host
// as written, before any name is resolved.

export interface AllowedHost {
  host: string;
  port: number | null;
}

export function parseAllowedHosts(text: string): AllowedHost[] {
  return text
    .split(",")
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean)
    .map((entry) => {
      const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
      if (bracketed) return { host: bracketed[1], port: bracketed[2] ? Number(bracketed[2]) : null };
      // More than one colon and no brackets: a bare IPv6 address.
      if (entry.split(":").length > 2) return { host: entry, port: null };
      const [host, port] = entry.split(":");
      return { host, port: port ? Number(port) : null };
    });
}

export function defaultPort(protocol: string): number {
  return protocol === "https:" ? 443 : 80;
}

export function isAllowedHost(allowed: readonly AllowedHost[], host: string, port: number): boolean {
  const bare = host.toLowerCase().replace(/^\[|\]$/g, "");
  return allowed.some((a) => a.host === bare && (a.port === null || a.port === port));
}
