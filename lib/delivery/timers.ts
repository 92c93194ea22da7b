import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db/client";

// Firing time-based webhooks' timers (lib/events/time-based.ts). One statement per call marks
// the timers fired and creates, for each, the time-based Event (the opening event's data) and
// its Delivery: atomic, and a timer already fired, cancelled or locked by another process is
// skipped (FOR UPDATE SKIP LOCKED), so each fires at most once however often it is processed.
// The caller dispatches the returned deliveries.

type Fired = { id: string; webhookId: string };

async function fire(which: Prisma.Sql, now: Date, limit: number): Promise<Fired[]> {
  return db.$queryRaw<Fired[]>`
    WITH t AS (
      UPDATE "EventTimer" t
      SET state = (CASE WHEN w.enabled AND w."thresholdSeconds" IS NOT NULL THEN 'FIRED' ELSE 'CANCELLED' END)::"TimerState",
          "firedEventId" = CASE WHEN w.enabled AND w."thresholdSeconds" IS NOT NULL THEN gen_random_uuid()::text END,
          "updatedAt" = ${now}
      FROM "Webhook" w
      WHERE w.id = t."webhookId" AND t.id IN (
        SELECT id FROM "EventTimer"
        WHERE state = 'PENDING' AND ${which}
        ORDER BY "dueAt"
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
      RETURNING t."organizationId", t."webhookId", t."openingEventId", t."firedEventId", t."dueAt",
                w."eventType", w."testMode"
    ), e AS (
      INSERT INTO "Event" (id, "organizationId", type, "occurredAt", "receivedAt", data, source,
                           "chatId", "customerEmail")
      SELECT t."firedEventId", t."organizationId", t."eventType", t."dueAt", ${now}, o.data, 'timer',
             o."chatId", o."customerEmail"
      FROM t JOIN "Event" o ON o.id = t."openingEventId"
      WHERE t."firedEventId" IS NOT NULL
      RETURNING id
    )
    INSERT INTO "Delivery" (id, "organizationId", "eventId", "webhookId", "eventType", mode, "nextAttemptAt", "createdAt", "updatedAt")
    SELECT gen_random_uuid()::text, t."organizationId", e.id, t."webhookId", t."eventType",
           (CASE WHEN t."testMode" THEN 'TEST' ELSE 'LIVE' END)::"DeliveryMode", ${now}, ${now}, ${now}
    FROM e JOIN t ON t."firedEventId" = e.id
    RETURNING id, "webhookId"`;
}

/**
 * Fires up to `limit` pending timers due by `dueBy` (the embedded worker: now; Inngest's
 * sweeper: a while ago, for timers whose own run was lost).
 */
export function fireDueTimers(now: Date, limit: number, dueBy: Date = now): Promise<Fired[]> {
  return fire(Prisma.sql`"dueAt" <= ${dueBy}`, now, limit);
}

/** Fires one timer if it is still pending (Inngest decided its deadline passed). */
export async function fireTimer(id: string, now: Date): Promise<Fired | null> {
  const [fired] = await fire(Prisma.sql`id = ${id}`, now, 1);
  return fired ?? null;
}

/** When the earliest pending timer is due (for the worker's sleep), or null. */
export async function nextTimerDueAt(): Promise<Date | null> {
  const row = await db.eventTimer.findFirst({
    where: { state: "PENDING" },
    orderBy: { dueAt: "asc" },
    select: { dueAt: true },
  });
  return row?.dueAt ?? null;
}
