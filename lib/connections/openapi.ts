import type { ApiDocs } from "@/lib/http/openapi-parts";
import { ZConnection, ZConnectionCreate, ZConnectionTestResult } from "./schemas";

// The words of the model connection operations of the OpenAPI document (lib/http/openapi.ts);
// their parameters and answers come from the routes' schemas.

const connection = { connectionId: "The connection's id" };
const adminOnly =
  "Only an ADMIN signed in may do this (the session route under `/api/projects/{slug}/connections`): no API key holds `connections:manage`, so every key is refused (403).";

export const connectionDocs: ApiDocs = {
  requests: { ConnectionCreate: ZConnectionCreate },
  answers: { Connection: ZConnection, ConnectionTestResult: ZConnectionTestResult },
  operations: {
    "get /api/v1/connections": {
      summary: "The project's model connections, by name (FULL key)",
      description: "Keys and header values are never returned: `hasApiKey` says whether a key is stored, `headerNames` which headers are sent.",
    },
    "post /api/v1/connections": {
      summary: "Add a connection to an OpenAI-compatible endpoint: refused to every API key (403)",
      description: `The name is unique in the project (409 \`connection_name_taken\`). The API key and header values are stored encrypted and never shown again. ${adminOnly}`,
    },
    "get /api/v1/connections/{connectionId}": { summary: "One model connection (FULL key)", params: connection },
    "patch /api/v1/connections/{connectionId}": {
      summary: "Change a connection's name, base URL, models, prices, structured-output capability or headers: refused to every API key (403)",
      description: `\`headers\` replaces the whole set; a header sent without a value keeps its stored value. The key changes only through rotate-key. ${adminOnly}`,
      params: connection,
    },
    "delete /api/v1/connections/{connectionId}": { summary: "Delete a connection and its stored secrets: refused to every API key (403)", params: connection },
    "post /api/v1/connections/{connectionId}/rotate-key": {
      summary: "Replace the connection's API key, or remove it with `null`: refused to every API key (403)",
      params: connection,
    },
    "post /api/v1/connections/{connectionId}/test": {
      summary: "Send one tiny request to a model of the connection: refused to every API key (403)",
      description:
        "Answers 200 whether the model answered or not: `ok: true` with the answer, latency and tokens, or `ok: false` with the error's kind (`refused` by the outbound address policy with its `reason`, `http` with the endpoint's `status` and message, `timeout`, `network`, `bad_answer`).",
      params: connection,
    },
  },
};
