import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { AuditAction, AuditChange } from "@/lib/audit/catalog";
import type { Actor } from "@/lib/auth/actor";

// Writes one audit entry, inside the caller's transaction, so an entry exists exactly when
// its change was committed.

export type AuditEntryInput = {
  action: AuditAction;
  target: {
    type: "webhook" | "delivery" | "api_key" | "member" | "organization" | "customer";
    id?: string | null;
    label: string;
  };
  changes?: AuditChange[];
};

type Tx = Pick<Prisma.TransactionClient, "auditEntry">;

/** Who the log names for changes the product makes by itself (e.g. disabling a failing webhook). */
export const SYSTEM = "System";

type Who =
  Pick<Actor, "organizationId" | "userId" | "email"> | { organizationId: string; system: true };

export async function recordAudit(tx: Tx, who: Who, entry: AuditEntryInput): Promise<void> {
  const system = "system" in who;
  await tx.auditEntry.create({
    data: {
      organizationId: who.organizationId,
      actorUserId: system ? null : who.userId,
      actorLabel: system ? SYSTEM : who.email,
      action: entry.action,
      targetType: entry.target.type,
      targetId: entry.target.id ?? null,
      targetLabel: entry.target.label.slice(0, 300),
      changes: entry.changes?.length ? entry.changes : undefined,
    },
  });
}
