import { type LookupAddress, type LookupOptions, lookup as dnsLookup } from "node:dns";
import { isIP } from "node:net";
import { Agent, buildConnector, fetch as undiciFetch } from "undici";
import { type AllowedHost, defaultPort, isAllowedHost } from "./allowlist";
import { OutboundRefused, refusalFor } from "./address-policy";

// The HTTP dispatcher for requests to addresses users typed in (model endpoints, webhooks).
// The check runs where the connection is made, on every address a name resolves to and again
// on the socket's remote address, so a name that resolves to a public address when a form is
// saved and to a private one later (DNS rebinding) is still refused. Redirects are never followed.

export type LookupFn = (hostname: string, options: LookupOptions & { all: true }, callback: (error: Error | null, addresses: LookupAddress[]) => void) => void;

export interface GuardOptions {
  allowed: readonly AllowedHost[];
  /** Resolves names; the system resolver unless a test injects its own. */
  lookup?: LookupFn;
  connectTimeoutMs?: number;
}

type NodeLookupCallback = (error: Error | null, address: string | LookupAddress[], family?: number) => void;

/** A dns.lookup over `resolve` that, when checking, answers only if every address the name resolves to is allowed. */
function lookupVia(resolve: LookupFn, check: boolean) {
  return (hostname: string, options: LookupOptions, callback: NodeLookupCallback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      for (const { address } of check ? addresses : []) {
        const reason = refusalFor(address);
        if (reason) return callback(new OutboundRefused(reason, `${hostname} (${address})`), []);
      }
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

export function guardedDispatcher({ allowed, lookup = dnsLookup as unknown as LookupFn, connectTimeoutMs = 10_000 }: GuardOptions): Agent {
  const checked = buildConnector({ lookup: lookupVia(lookup, true), timeout: connectTimeoutMs } as buildConnector.BuildOptions);
  const unchecked = buildConnector({ lookup: lookupVia(lookup, false), timeout: connectTimeoutMs } as buildConnector.BuildOptions);
  const connect: buildConnector.connector = (options, callback) => {
    const host = options.hostname.replace(/^\[|\]$/g, "");
    const port = Number(options.port) || defaultPort(options.protocol);
    if (isAllowedHost(allowed, host, port)) return unchecked(options, callback);
    // Node does not call lookup for an address literal: it is judged here.
    const literal = isIP(host) ? refusalFor(host) : null;
    if (literal) return callback(new OutboundRefused(literal, host), null);
    checked(options, (error, socket) => {
      if (error) return callback(error, null);
      const remote = socket!.remoteAddress;
      const reason = remote ? refusalFor(remote) : "invalid_address";
      if (reason) {
        socket!.destroy();
        return callback(new OutboundRefused(reason, `${host} (${remote ?? "unknown"})`), null);
      }
      callback(null, socket!);
    });
  };
  return new Agent({ connect });
}

/** A fetch through the guarded dispatcher that refuses redirects instead of following them. */
export function guardedFetch(dispatcher: Agent): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const response = await undiciFetch(input as string, { ...(init as object), dispatcher, redirect: "manual" } as Parameters<typeof undiciFetch>[1]);
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      throw new OutboundRefused("redirect", response.headers.get("location") ?? "another address");
    }
    return response;
  }) as unknown as typeof fetch;
}
