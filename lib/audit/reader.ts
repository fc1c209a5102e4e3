import type { ProjectContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/scopes";
import { decodeCursor, encodeCursor } from "@/lib/db/cursor";
import type { Sql } from "@/lib/db/transaction";
import { AppError } from "@/lib/errors";
import { AUDIT_ACTIONS, type AuditAction } from "./catalog";
import type { TAuditQuery } from "./schemas";

// The audit log of one project, newest first, a page at a time. Keyset paging on
// (created_at, id), which the index audit_events(project_id, created_at) serves.

export interface AuditEvent {
  id: string;
  at: Date;
  action: AuditAction;
  summary: string;
  targetType: string;
  targetId: string | null;
  actor: { kind: "user"; id: string; email: string | null } | { kind: "apiKey"; id: string; name: string | null } | { kind: "system" };
  details: unknown;
}

interface Row {
  id: string;
  at: Date;
  action: AuditAction;
  targetType: string;
  targetId: string | null;
  userId: string | null;
  email: string | null;
  keyId: string | null;
  keyName: string | null;
  details: unknown;
}

export async function listAudit(sql: Sql, ctx: ProjectContext, query: TAuditQuery): Promise<{ events: AuditEvent[]; nextCursor: string | null }> {
  assertCan(ctx, "audit:read");
  const after = decodeCursor(query.cursor, 2);
  if (query.cursor && !after)
    throw new AppError("validation_failed", "The cursor is not valid", [{ path: "cursor", message: "Not a cursor this server made" }]);
  const family = query.action?.endsWith(".*") ? query.action.slice(0, -1) : null;
  const { rows } = await sql.query<Row>(
    `SELECT e.id, e.created_at AS at, e.action, e.target_type AS "targetType", e.target_id AS "targetId",
            e.actor_user_id AS "userId", u.email, e.actor_api_key_id AS "keyId", k.name AS "keyName", e.details
       FROM audit_events e
       LEFT JOIN users u ON u.id = e.actor_user_id
       LEFT JOIN api_keys k ON k.project_id = e.project_id AND k.id = e.actor_api_key_id
      WHERE e.project_id = $1
        AND ($2::text IS NULL OR e.action = $2) AND ($3::text IS NULL OR starts_with(e.action, $3))
        AND ($4::uuid IS NULL OR e.actor_user_id = $4)
        AND ($5::text IS NULL OR e.target_type = $5) AND ($6::text IS NULL OR e.target_id = $6)
        AND ($7::timestamptz IS NULL OR e.created_at >= $7) AND ($8::timestamptz IS NULL OR e.created_at < $8)
        AND ($9::timestamptz IS NULL OR (e.created_at, e.id) < ($9::timestamptz, $10::uuid))
      ORDER BY e.created_at DESC, e.id DESC
      LIMIT $11`,
    [
      ctx.project.id,
      family ? null : (query.action ?? null),
      family,
      query.actor ?? null,
      query.targetType ?? null,
      query.targetId ?? null,
      query.since ?? null,
      query.until ?? null,
      after?.[0] ?? null,
      after?.[1] ?? null,
      query.limit + 1,
    ],
  );
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    events: page.map((r) => ({
      id: r.id,
      at: r.at,
      action: r.action,
      summary: AUDIT_ACTIONS[r.action]?.summary ?? r.action,
      targetType: r.targetType,
      targetId: r.targetId,
      actor: r.userId ? { kind: "user", id: r.userId, email: r.email } : r.keyId ? { kind: "apiKey", id: r.keyId, name: r.keyName } : { kind: "system" },
      details: r.details,
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.at.toISOString(), last.id]) : null,
  };
}
