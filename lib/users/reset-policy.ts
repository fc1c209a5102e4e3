// Who may issue a password-reset link for whom. A reset hands the account to whoever holds the
// link, so a project admin may reset only accounts that exist for their project alone: never
// an instance admin, never someone who belongs (or belonged, and could be reactivated) to
// another project. Every other reset is the instance admin's.

export interface ResetTarget {
  isInstanceAdmin: boolean;
  memberships: readonly { projectId: string; deactivatedAt: Date | null }[];
}

export function projectAdminMayReset(target: ResetTarget, projectId: string): boolean {
  if (target.isInstanceAdmin || target.memberships.length !== 1) return false;
  const [only] = target.memberships;
  return only.projectId === projectId && only.deactivatedAt === null;
}

export const RESET_NEEDS_INSTANCE_ADMIN = "Only the instance admin can reset this password: the account is an instance admin or belongs to other projects too";
