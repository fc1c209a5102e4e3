import OpenAI from "openai";
import type { Tx } from "@/lib/db/client";
import { modelHostsFetch } from "@/lib/outbound";
import type { TConnection } from "./schemas";
import { findConnection } from "./service";
import { type ConnectionSecrets, readSecrets } from "./secrets";

// A chat-completions client for one connection: the official OpenAI client pointed at the
// connection's base URL, sending through the guarded outbound fetch (lib/outbound), with the
// key and headers opened for it alone. Nothing is read from the OPENAI_* variables of the
// process: every credential comes from the connection.

export interface ClientOptions {
  /** Per call; the caller's own deadline. */
  timeoutMs: number;
  /** Retries by the client itself; callers that schedule their own retries pass 0. */
  maxRetries?: number;
  /** The outbound fetch; the instance's guarded one unless a test brings its own. */
  fetch?: typeof fetch;
}

export function clientFor(connection: Pick<TConnection, "baseUrl">, secrets: ConnectionSecrets, options: ClientOptions): OpenAI {
  return new OpenAI({
    baseURL: connection.baseUrl,
    // Without a key the client still wants one: a placeholder, whose header is then removed.
    apiKey: secrets.apiKey ?? "none",
    adminAPIKey: null,
    organization: null,
    project: null,
    webhookSecret: null,
    defaultHeaders: { ...(secrets.apiKey ? {} : { Authorization: null }), ...secrets.headers },
    fetch: options.fetch ?? modelHostsFetch(),
    timeout: options.timeoutMs,
    maxRetries: options.maxRetries ?? 0,
    // The client's own log lines could carry request details: errors reach our log through the callers.
    logLevel: "off",
  });
}

/** The connection and a client for it, for a judge run or a test call. */
export async function openConnection(
  db: Tx,
  projectId: string,
  connectionId: string,
  options: ClientOptions,
): Promise<{ connection: TConnection; client: OpenAI }> {
  const connection = await findConnection(db, projectId, connectionId);
  const secrets = await readSecrets(db, projectId, connectionId);
  return { connection, client: clientFor(connection, secrets, options) };
}
