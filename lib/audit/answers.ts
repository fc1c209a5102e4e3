import { z } from "zod";
import { ZTime } from "@/lib/traces/answers";
import { AUDIT_ACTION_NAMES } from "./catalog";

// What the audit log reader answers, as the JSON a client reads.

const ZActor = z.union([
  z.strictObject({ kind: z.literal("user"), id: z.uuid(), email: z.string().nullable() }),
  z.strictObject({ kind: z.literal("apiKey"), id: z.uuid(), name: z.string().nullable() }),
  z.strictObject({ kind: z.literal("system") }),
]);

export const ZAuditEvent = z.strictObject({
  id: z.uuid(),
  at: ZTime,
  action: z.enum(AUDIT_ACTION_NAMES as [string, ...string[]]),
  summary: z.string().describe("What the action means, from the audit catalog"),
  targetType: z.string(),
  targetId: z.string().nullable(),
  actor: ZActor,
  details: z.unknown().describe("Identifiers, and before and after for changes; never trace content or secrets"),
});

export const ZAuditAnswer = z.strictObject({
  events: z.array(ZAuditEvent).describe("Newest first"),
  nextCursor: z.string().nullable().describe("Follow until it is null"),
});
export type TAuditAnswer = z.infer<typeof ZAuditAnswer>;
