import type { ApiDocs } from "@/lib/http/openapi-parts";

// The words of the audit log's operation of the OpenAPI document (lib/http/openapi.ts); its
// parameters and answer come from the route's schemas.

export const auditDocs: ApiDocs = {
  operations: {
    "get /api/v1/audit": {
      summary: "The project's audit log, newest first, keyset-paged (ADMIN key)",
      answers: "One page; follow `nextCursor` until it is null",
    },
  },
};
