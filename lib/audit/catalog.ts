// Every action the audit log records, with the kind of object it acts on and what it means.
// An action not listed here cannot be recorded (recordAudit takes only these names), so the
// log's vocabulary is this one list: readers filter by it and the docs print it.

export const AUDIT_ACTIONS = {
  "apikey.create": { target: "api_key", summary: "an API key was created" },
  "apikey.revoke": { target: "api_key", summary: "an API key was revoked" },
  "demo.remove_credentials": { target: "user", summary: "the demo accounts were deactivated" },
  "demo.seed": { target: "project", summary: "the demo project was seeded" },
  "gold.adjudicate": {
    target: "queue_item",
    summary: "an item's criterion was settled by an adjudicator, or settled anew (revision, value, reason, candidates)",
  },
  "gold.reference": { target: "queue_item", summary: "reference gold for an item's criterion arrived by API (revision, value)" },
  "init.admin": { target: "user", summary: "the headless start created the instance admin" },
  "init.apikey": { target: "api_key", summary: "the headless start created an API key" },
  "init.project": { target: "project", summary: "the headless start created a project" },
  "invitation.accept": { target: "invitation", summary: "an invitation was accepted" },
  "invitation.accept_sso": { target: "invitation", summary: "an invitation was accepted through single sign-on" },
  "invitation.create": { target: "invitation", summary: "an invitation was created" },
  "invitation.revoke": { target: "invitation", summary: "an invitation was revoked" },
  "member.update": { target: "membership", summary: "a member's role or status changed (before and after)" },
  "project.create": { target: "project", summary: "a project was created" },
  "project.agreement_thresholds": { target: "project", summary: "a project's agreement thresholds changed (before and after)" },
  "project.retention": { target: "project", summary: "a project's trace retention changed (before and after)" },
  "project.update": { target: "project", summary: "a project was renamed or archived (before and after)" },
  "queue.adjudicators.add": { target: "queue", summary: "an expert was named adjudicator of a queue" },
  "queue.adjudicators.remove": { target: "queue", summary: "an adjudicator of a queue was removed" },
  "queue.create": { target: "queue", summary: "a queue was created" },
  "queue.items.add": { target: "queue", summary: "items were added to a queue" },
  "queue.members.add": { target: "queue", summary: "raters were assigned to a queue" },
  "queue.members.remove": { target: "queue", summary: "a rater was removed from a queue" },
  "queue.reorder": { target: "queue", summary: "a queue's order was set or recomputed" },
  "queue.update": { target: "queue", summary: "a queue's settings changed (each field from and to)" },
  "rubric.archive": { target: "rubric", summary: "a rubric was archived (before and after)" },
  "rubric.create": { target: "rubric", summary: "a rubric was created" },
  "rubric.draft.discard": { target: "rubric_version", summary: "a rubric draft was discarded" },
  "rubric.draft.save": { target: "rubric_version", summary: "a rubric draft was saved" },
  "rubric.draft.start": { target: "rubric", summary: "a rubric draft was started" },
  "rubric.import": { target: "rubric", summary: "a rubric was imported from YAML or JSON" },
  "rubric.publish": { target: "rubric_version", summary: "a rubric version was published" },
  "rubric.unarchive": { target: "rubric", summary: "a rubric was restored from the archive (before and after)" },
  "rubric.update": { target: "rubric", summary: "a rubric was renamed or described anew (before and after)" },
  "trace.delete": { target: "trace", summary: "a trace was deleted" },
  "trace.delete_end_user": { target: "end_user", summary: "an end user's traces were deleted" },
  "trace.retention": { target: "project", summary: "traces past the project's retention were deleted" },
  "user.deactivate": { target: "user", summary: "a user account was deactivated" },
  "user.password_reset": { target: "user", summary: "a password was reset with a reset link" },
  "user.reactivate": { target: "user", summary: "a user account was reactivated" },
  "user.reset_link": { target: "user", summary: "a password reset link was issued" },
  "user.sign_out_everywhere": { target: "user", summary: "a user ended every one of their sessions" },
  "user.signup_first": { target: "user", summary: "the first account signed up and became instance admin" },
} as const satisfies Record<string, { target: string; summary: string }>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;
export type AuditTarget<A extends AuditAction> = (typeof AUDIT_ACTIONS)[A]["target"];
export const AUDIT_ACTION_NAMES = Object.keys(AUDIT_ACTIONS) as AuditAction[];
