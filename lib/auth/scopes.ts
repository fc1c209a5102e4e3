import type { ApiKeyScope, Role } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";

// Authorization as data: what each role and each API key scope may do, checked by one
// function used by routes, pages and services alike.
export const SCOPES = [
  "project:read",
  "members:read",
  "members:manage",
  "apikeys:manage",
  "rubrics:read",
  "rubrics:manage",
  "traces:read",
  "traces:write",
  // Removing traces (one, an end user's, by retention) is kept from INGEST keys: the key a
  // production app holds must not be able to erase what was recorded.
  "traces:delete",
  "scores:write",
  "queues:read",
  "queues:manage",
  "queues:label",
  // Settling disagreements with gold labels. Experts get it per queue, when an ADMIN names
  // them adjudicators of that queue (the route wrapper's `adjudicatorOf`), never by role.
  "queues:adjudicate",
  "reports:read",
  "exports:run",
  "datasets:read",
  "datasets:write",
  // Deleting a whole dataset, published versions included: an ADMIN signed in, never a key.
  "datasets:delete",
  "settings:manage",
  "audit:read",
  // Model connections hold provider keys and spend money: only an ADMIN signed in manages them.
  "connections:manage",
  "judges:read",
  "judges:manage",
  "judges:run",
] as const;

export type Scope = (typeof SCOPES)[number];

const ENGINEER: Scope[] = [
  "project:read",
  "members:read",
  "rubrics:read",
  "traces:read",
  "traces:write",
  "traces:delete",
  "scores:write",
  "queues:read",
  "queues:manage",
  "queues:label",
  "reports:read",
  "exports:run",
  "datasets:read",
  "datasets:write",
  "judges:read",
  "judges:manage",
  "judges:run",
];

export const ROLE_SCOPES: Record<Role, readonly Scope[]> = {
  ADMIN: SCOPES,
  // Keys do not adjudicate: a decision has a person and a reason behind it.
  ENGINEER: [...ENGINEER, "queues:adjudicate"],
  // Least privilege: an expert sees the project and labels the queues assigned to them. The
  // rubric version they label against comes with each item of such a queue, never from the
  // rubrics routes (which would show every rubric and draft).
  EXPERT: ["project:read", "queues:label"],
  VIEWER: ["project:read", "members:read", "rubrics:read", "traces:read", "queues:read", "reports:read", "datasets:read", "judges:read"],
};

export const API_KEY_SCOPES: Record<ApiKeyScope, readonly Scope[]> = {
  // What a production app holds: it writes traces and feedback and reads nothing.
  INGEST: ["traces:write", "scores:write"],
  FULL: ENGINEER,
  // For an admin's automation (e.g. shipping the audit log elsewhere). Routes that change
  // members, keys, rubrics or settings take sessions only, so this adds reads, not power.
  ADMIN: [...ENGINEER, "audit:read"],
};

export const ROLES: readonly Role[] = ["ADMIN", "ENGINEER", "EXPERT", "VIEWER"];

export interface Grants {
  scopes: ReadonlySet<Scope>;
}

export function can(grants: Grants, scope: Scope): boolean {
  return grants.scopes.has(scope);
}

export function assertCan(grants: Grants, scope: Scope): void {
  if (!can(grants, scope)) throw new AppError("forbidden", `This needs the ${scope} permission`);
}

export function scopesForRole(role: Role): Set<Scope> {
  return new Set(ROLE_SCOPES[role]);
}

export function scopesForKey(scope: ApiKeyScope): Set<Scope> {
  return new Set(API_KEY_SCOPES[scope]);
}
