import type { Agent } from "undici";
import type { Tx } from "@/lib/db/client";
import { modelHostsDispatcher } from "@/lib/outbound";
import { type ChatClient, chatClient } from "./chat";
import type { TConnection } from "./schemas";
import { findConnection } from "./service";
import { type ConnectionSecrets, readSecrets } from "./secrets";

// A chat-completions client for one connection: its base URL, sending through the guarded
// outbound dispatcher (lib/outbound), with the key and headers opened for it alone. Nothing is
// read from the OPENAI_* variables of the process: every credential comes from the connection.

export interface ClientOptions {
  /** Per call; the caller's own deadline. */
  timeoutMs: number;
  /** The outbound dispatcher; the instance's guarded one unless a test brings its own. */
  dispatcher?: Agent;
}

export function clientFor(connection: Pick<TConnection, "baseUrl">, secrets: ConnectionSecrets, options: ClientOptions): ChatClient {
  return chatClient({
    baseUrl: connection.baseUrl,
    apiKey: secrets.apiKey ?? null,
    headers: secrets.headers,
    timeoutMs: options.timeoutMs,
    dispatcher: options.dispatcher ?? modelHostsDispatcher(),
  });
}

/** The connection and a client for it, for a judge run or a test call. */
export async function openConnection(
  db: Tx,
  projectId: string,
  connectionId: string,
  options: ClientOptions,
): Promise<{ connection: TConnection; client: ChatClient }> {
  const connection = await findConnection(db, projectId, connectionId);
  const secrets = await readSecrets(db, projectId, connectionId);
  return { connection, client: clientFor(connection, secrets, options) };
}
