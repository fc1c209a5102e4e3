import type pg from "pg";
import type { Tx } from "@/lib/db/client";
import type { ApiKeyScope, Role } from "@/lib/db/generated/enums";
import { AppError, notFound, unauthenticated } from "@/lib/errors";
import { type Grants, scopesForKey, scopesForRole } from "./scopes";
import { sha256 } from "./tokens";
import { isUuid } from "@/lib/ids";

// "Who is calling, in which project, with which role": resolved here and nowhere else.
// Every service takes the context this module builds.

export interface UserActor {
  kind: "user";
  userId: string;
  email: string;
  name: string;
  isInstanceAdmin: boolean;
}

export interface ApiKeyActor {
  kind: "apiKey";
  apiKeyId: string;
  keyScope: ApiKeyScope;
}

export type Actor = UserActor | ApiKeyActor;

export interface ProjectRef {
  id: string;
  slug: string;
  name: string;
}

export interface ProjectContext extends Grants {
  actor: Actor;
  project: ProjectRef;
  /** The member's role; null for API keys. */
  role: Role | null;
}

/**
 * Whether a session signed in at `signedInAt` (ms) was ended since: by a password reset, a
 * deactivation or "sign out everywhere", all of which move the user's `sessions_valid_after`.
 */
export function sessionEnded(sessionsValidAfter: Date | null, signedInAt: number | undefined): boolean {
  return signedInAt !== undefined && sessionsValidAfter !== null && signedInAt <= sessionsValidAfter.getTime();
}

/**
 * Loads a signed-in user afresh, so a deactivated account loses access on its next request.
 * Sessions pass when they signed in; jobs acting for a user pass nothing.
 */
export async function userActor(db: Tx, userId: string | undefined | null, signedInAt?: number): Promise<UserActor> {
  if (!userId) throw unauthenticated();
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user || user.deactivatedAt || sessionEnded(user.sessionsValidAfter, signedInAt)) throw unauthenticated();
  return { kind: "user", userId: user.id, email: user.email, name: user.name, isInstanceAdmin: user.isInstanceAdmin };
}

/**
 * The signed-in caller and their membership of one project, in one query: how every session
 * request and page resolves its caller. `project` is null when the project is missing,
 * archived, or the user is not an active member of it.
 */
export async function sessionProjectContext(
  sql: pg.Pool,
  userId: string | undefined | null,
  projectSlug: string,
  signedInAt?: number,
): Promise<{ actor: UserActor; project: ProjectContext | null }> {
  if (!userId || !isUuid(userId)) throw unauthenticated();
  const { rows } = await sql.query({
    name: "session-project-context",
    text: `SELECT u.id, u.email, u.name, u.is_instance_admin AS "isInstanceAdmin", u.deactivated_at AS "deactivatedAt",
            u.sessions_valid_after AS "sessionsValidAfter", p.id AS "projectId", p.slug, p.name AS "projectName", m.role
       FROM users u
       LEFT JOIN (memberships m JOIN projects p ON p.id = m.project_id AND p.slug = $2 AND p.archived_at IS NULL)
              ON m.user_id = u.id AND m.deactivated_at IS NULL
      WHERE u.id = $1`,
    values: [userId, projectSlug],
  });
  const row = rows[0];
  if (!row || row.deactivatedAt || sessionEnded(row.sessionsValidAfter, signedInAt)) throw unauthenticated();
  const actor: UserActor = { kind: "user", userId: row.id, email: row.email, name: row.name, isInstanceAdmin: row.isInstanceAdmin };
  if (!row.projectId) return { actor, project: null };
  const role = row.role as Role;
  return { actor, project: { actor, project: { id: row.projectId, slug: row.slug, name: row.projectName }, role, scopes: scopesForRole(role) } };
}

/** Any project the user is an active member of, by slug. Others are indistinguishable from missing. */
export async function projectContextForUser(sql: pg.Pool, actor: UserActor, projectSlug: string): Promise<ProjectContext> {
  const { project } = await sessionProjectContext(sql, actor.userId, projectSlug);
  if (!project) throw notFound("Project");
  return project;
}

const TOUCH_INTERVAL_MS = 60_000;

/** Resolves `Authorization: Bearer <key>`: the key's project is the caller's project. One query on the ingestion path. */
export async function projectContextForApiKey(sql: pg.Pool, rawKey: string): Promise<ProjectContext> {
  const { rows } = await sql.query({
    name: "api-key-context",
    text: `SELECT k.id, k.scope, k.last_used_at AS "lastUsedAt", k.revoked_at AS "revokedAt",
                  p.id AS "projectId", p.slug, p.name, p.archived_at AS "archivedAt"
             FROM api_keys k JOIN projects p ON p.id = k.project_id
            WHERE k.key_hash = $1`,
    values: [sha256(rawKey)],
  });
  const key = rows[0] as
    | {
        id: string;
        scope: ApiKeyScope;
        lastUsedAt: Date | null;
        revokedAt: Date | null;
        projectId: string;
        slug: string;
        name: string;
        archivedAt: Date | null;
      }
    | undefined;
  if (!key || key.revokedAt || key.archivedAt) {
    throw new AppError("unauthenticated", "The API key is unknown or revoked");
  }
  // Last use is kept to the minute: a hot ingestion path must not write on every request.
  if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    await sql
      .query(
        `UPDATE api_keys SET last_used_at = now()
          WHERE project_id = $1 AND id = $2 AND (last_used_at IS NULL OR last_used_at < now() - make_interval(secs => $3))`,
        [key.projectId, key.id, TOUCH_INTERVAL_MS / 1000],
      )
      .catch(() => {});
  }
  return {
    actor: { kind: "apiKey", apiKeyId: key.id, keyScope: key.scope },
    project: { id: key.projectId, slug: key.slug, name: key.name },
    role: null,
    scopes: scopesForKey(key.scope),
  };
}

export function assertInstanceAdmin(actor: Actor): asserts actor is UserActor {
  if (actor.kind !== "user" || !actor.isInstanceAdmin) {
    throw new AppError("forbidden", "Only an instance admin may do this");
  }
}

export function requireUser(actor: Actor): UserActor {
  if (actor.kind !== "user") throw new AppError("forbidden", "This needs a signed-in user, not an API key");
  return actor;
}
