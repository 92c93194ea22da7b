import type { Role } from "@/generated/prisma/enums";
import { ForbiddenError } from "@/lib/errors";

// What each role may do. Viewers read everything; Owners and Admins change things;
// only Owners manage who else is an Owner.
const matrix = {
  "webhooks.read": ["OWNER", "ADMIN", "VIEWER"],
  "webhooks.write": ["OWNER", "ADMIN"],
  "members.read": ["OWNER", "ADMIN", "VIEWER"],
  "members.invite": ["OWNER", "ADMIN"],
  "members.manage": ["OWNER"],
  "apiKeys.manage": ["OWNER", "ADMIN"],
  "events.send": ["OWNER", "ADMIN"],
  "organization.manage": ["OWNER"],
  "audit.read": ["OWNER", "ADMIN"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof matrix;

/** Whether a role has a permission. */
export function can(role: Role, permission: Permission): boolean {
  return (matrix[permission] as readonly Role[]).includes(role);
}

/** Throws ForbiddenError unless the role has the permission. */
export function assertCan(actor: { role: Role }, permission: Permission): void {
  if (!can(actor.role, permission)) throw new ForbiddenError();
}

/** How each role is named on screen. */
export const roleLabels: Readonly<Record<Role, string>> = {
  OWNER: "Owner",
  ADMIN: "Admin",
  VIEWER: "Viewer",
};
