import "server-only";
import { db } from "@/lib/db/client";

/**
 * Claims up to `limit` due deliveries for this process: pending, due by `now`, and not
 * leased by another worker (or leased by one that died). SKIP LOCKED lets several processes
 * claim at once without waiting on each other.
 */
export async function claimDueDeliveries(
  limit: number,
  now: Date,
  leaseMs: number,
): Promise<string[]> {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE "Delivery" SET "leaseUntil" = ${leaseUntil}
    WHERE id IN (
      SELECT id FROM "Delivery"
      WHERE status = 'PENDING' AND "nextAttemptAt" <= ${now}
        AND ("leaseUntil" IS NULL OR "leaseUntil" < ${now})
      ORDER BY "nextAttemptAt"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING id`;
  return rows.map((r) => r.id);
}

/** When the earliest claimable pending delivery is due (to sleep until then), or null. */
export async function nextDueAt(now: Date): Promise<Date | null> {
  const row = await db.delivery.findFirst({
    where: { status: "PENDING", OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    orderBy: { nextAttemptAt: "asc" },
    select: { nextAttemptAt: true },
  });
  return row?.nextAttemptAt ?? null;
}

/** Pending deliveries that should have been attempted before `before` (for the sweeper). */
export async function overdueDeliveries(before: Date, limit: number) {
  return db.delivery.findMany({
    where: { status: "PENDING", nextAttemptAt: { lt: before } },
    select: { id: true, webhookId: true, attemptCount: true },
    orderBy: { nextAttemptAt: "asc" },
    take: limit,
  });
}
