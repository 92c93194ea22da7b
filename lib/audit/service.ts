import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { AuditAction, AuditChange } from "@/lib/audit/catalog";
import type { AuditFilters } from "@/lib/audit/schemas";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { beyondCursor, decodeCursor, encodeCursor } from "@/lib/keyset";

// Reading the audit log (Owners and Admins), newest first, one keyset page at a time.

export const AUDIT_PAGE_SIZE = 50;

export type AuditEntry = {
  id: string;
  createdAt: Date;
  actorUserId: string | null;
  actorLabel: string;
  action: AuditAction;
  targetType: string;
  targetId: string | null;
  targetLabel: string;
  /** The webhook or delivery the entry names no longer exists (deleted, or purged). */
  targetDeleted: boolean;
  changes: AuditChange[];
};

function where(actor: Actor, f: AuditFilters): Prisma.AuditEntryWhereInput {
  const and: Prisma.AuditEntryWhereInput[] = [{ organizationId: actor.organizationId }];
  if (f.action) and.push({ action: f.action });
  if (f.actor) and.push({ actorUserId: f.actor });
  if (f.target) and.push({ targetId: f.target });
  if (f.q) and.push({ targetLabel: { contains: f.q, mode: "insensitive" } });
  if (f.from) and.push({ createdAt: { gte: new Date(f.from) } });
  if (f.to) and.push({ createdAt: { lte: new Date(f.to) } });
  const cursor = f.cursor && decodeCursor(f.cursor);
  if (cursor) and.push(beyondCursor(cursor));
  return { AND: and };
}

/** One page of the organization's audit log; `next` is the cursor of the page after. */
export async function listAuditEntries(actor: Actor, filters: AuditFilters) {
  assertCan(actor, "audit.read");
  const rows = await db.auditEntry.findMany({
    where: where(actor, filters),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: AUDIT_PAGE_SIZE + 1,
    select: {
      id: true,
      createdAt: true,
      actorUserId: true,
      actorLabel: true,
      action: true,
      targetType: true,
      targetId: true,
      targetLabel: true,
      changes: true,
    },
  });
  const shown = rows.slice(0, AUDIT_PAGE_SIZE);
  const existing = await existingTargets(actor, shown);
  const page = shown.map((r): AuditEntry => ({
    ...r,
    action: r.action as AuditAction,
    targetDeleted:
      r.targetId !== null && r.targetType in existing && !existing[r.targetType]!.has(r.targetId),
    changes: (r.changes ?? []) as AuditChange[],
  }));
  const last = page.at(-1);
  return { rows: page, next: rows.length > AUDIT_PAGE_SIZE && last ? encodeCursor(last) : null };
}

/**
 * The ids, among the webhooks and deliveries `rows` name, that still exist in the actor's
 * organization — so the log links only to pages that are there.
 */
async function existingTargets(
  actor: Actor,
  rows: { targetType: string; targetId: string | null }[],
): Promise<Record<string, Set<string>>> {
  const ids = (type: string) => [
    ...new Set(rows.filter((r) => r.targetType === type && r.targetId).map((r) => r.targetId!)),
  ];
  const [webhooks, deliveries] = await Promise.all([
    db.webhook.findMany({
      where: { id: { in: ids("webhook") }, organizationId: actor.organizationId },
      select: { id: true },
    }),
    db.delivery.findMany({
      where: { id: { in: ids("delivery") }, organizationId: actor.organizationId },
      select: { id: true },
    }),
  ]);
  return {
    webhook: new Set(webhooks.map((w) => w.id)),
    delivery: new Set(deliveries.map((d) => d.id)),
  };
}

/** Everyone who appears in the log (members past and present), for the actor filter. */
export async function listAuditActors(actor: Actor) {
  assertCan(actor, "audit.read");
  // DISTINCT ON walks the (organizationId, actorUserId, createdAt) index: one row per actor,
  // named as in their latest entry.
  const rows = await db.$queryRaw<{ id: string; label: string }[]>`
    SELECT DISTINCT ON ("actorUserId") "actorUserId" AS id, "actorLabel" AS label
    FROM "AuditEntry"
    WHERE "organizationId" = ${actor.organizationId} AND "actorUserId" IS NOT NULL
    ORDER BY "actorUserId", "createdAt" DESC`;
  return rows.sort((a, b) => a.label.localeCompare(b.label));
}
