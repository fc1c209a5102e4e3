import { errors, jsonResponse, queryParams } from "../http/openapi-parts";
import { AUDIT_ACTION_NAMES } from "./catalog";
import { ZAuditQuery } from "./schemas";

// The audit log's path of the public API's OpenAPI document.

const str = { type: "string" };
const uuid = { type: "string", format: "uuid" };
const orNull = (s: object) => ({ anyOf: [s, { type: "null" }] });
const object = (properties: Record<string, object>) => ({ type: "object", required: Object.keys(properties), properties });

const actor = {
  oneOf: [
    object({ kind: { const: "user" }, id: uuid, email: orNull(str) }),
    object({ kind: { const: "apiKey" }, id: uuid, name: orNull(str) }),
    object({ kind: { const: "system" } }),
  ],
};

const event = object({
  id: uuid,
  at: { type: "string", format: "date-time" },
  action: { enum: AUDIT_ACTION_NAMES },
  summary: { ...str, description: "What the action means, from the audit catalog" },
  targetType: str,
  targetId: orNull(str),
  actor,
  details: { type: "object", description: "Identifiers, and before and after for changes; never trace content or secrets" },
});

export const auditPaths = {
  "/api/v1/audit": {
    get: {
      summary: "The project's audit log, newest first, keyset-paged (ADMIN key)",
      parameters: queryParams(ZAuditQuery),
      responses: { "200": jsonResponse("One page; follow `nextCursor` until it is null", object({ events: { type: "array", items: event }, nextCursor: orNull(str) })), ...errors },
    },
  },
};
