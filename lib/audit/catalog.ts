// What the audit log records, with the words the Audit log page shows. Shared by the page's
// filters (client) and the services that record entries (server).

export const auditActions = {
  "webhook.created": "Created webhook",
  "webhook.updated": "Changed webhook",
  "webhook.duplicated": "Duplicated webhook",
  "webhook.enabled": "Enabled webhook",
  "webhook.disabled": "Disabled webhook",
  "webhook.deleted": "Deleted webhook",
  "webhook.auto_disabled": "Disabled webhook automatically",
  "webhook.secret_rotated": "Rotated signing secret",
  "webhook.verified": "Verified webhook URL",
  "delivery.redelivered": "Redelivered",
  "delivery.recovered": "Recovered failed deliveries",
  "api_key.created": "Created API key",
  "api_key.revoked": "Revoked API key",
  "member.invited": "Invited member",
  "member.invitation_revoked": "Withdrew invitation",
  "member.role_changed": "Changed role",
  "member.removed": "Removed member",
  "member.unlocked": "Unlocked sign-in",
  "retention.changed": "Changed data retention",
  "organization.policy_changed": "Changed webhook policy",
  "customer.erased": "Erased customer data",
} as const;

export type AuditAction = keyof typeof auditActions;

export const auditActionKeys = Object.keys(auditActions) as [AuditAction, ...AuditAction[]];

/**
 * One changed field. `from`/`to` are display text (null: empty); a secret has neither, only
 * `secret: true` — the log says it changed, never what it was or became.
 */
export type AuditChange =
  { field: string; from: string | null; to: string | null } | { field: string; secret: true };
