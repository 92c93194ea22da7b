import "server-only";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db/client";
import { DUPLICATE_WINDOW_MS } from "@/lib/events/ingest";

// Deletes what each organization's retention no longer covers. Every batch is one short
// DELETE of at most batchSize rows, found through an (organizationId, time)-led index, in its
// own implicit transaction: row locks are held for one batch only, and the delivery engine's
// claims and attempt log keep running between batches.

const DAY_MS = 24 * 60 * 60_000;
/** Events outlive a shorter retention: the ingest API recognises a resend for this long. */
export const MIN_EVENT_RETENTION_DAYS = DUPLICATE_WINDOW_MS / DAY_MS;
/** Organizations read per query while walking all of them. */
const ORG_PAGE = 500;

export type PurgeCounts = {
  testEmails: number;
  attempts: number;
  deliveries: number;
  events: number;
};

export type PurgeOptions = { now?: Date; batchSize?: number };

/** Purges every organization's rows older than its retentionDays; returns what it deleted. */
export async function purgeExpired({
  now = new Date(),
  batchSize = 1000,
}: PurgeOptions = {}): Promise<PurgeCounts> {
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`purgeExpired: batchSize must be a positive integer, got ${batchSize}`);
  }
  const totals: PurgeCounts = { testEmails: 0, attempts: 0, deliveries: 0, events: 0 };
  let after = "";
  for (;;) {
    const orgs = await db.organization.findMany({
      where: { id: { gt: after } },
      select: { id: true, retentionDays: true },
      orderBy: { id: "asc" },
      take: ORG_PAGE,
    });
    for (const org of orgs) {
      const counts = await purgeOrganization(
        org.id,
        retentionCutoff(now, org.retentionDays),
        now,
        batchSize,
      );
      for (const key of Object.keys(totals) as (keyof PurgeCounts)[]) totals[key] += counts[key];
    }
    if (orgs.length < ORG_PAGE) return totals;
    after = orgs[orgs.length - 1]!.id;
  }
}

/** The instant before which an organization's rows are expired. */
export function retentionCutoff(now: Date, retentionDays: number): Date {
  return new Date(now.getTime() - retentionDays * DAY_MS);
}

// Shape of every batch: `id = ANY(ARRAY(SELECT id … ORDER BY <indexed time> LIMIT n))`. The
// inner select walks the (organizationId, time) index from its oldest entry and stops after
// n rows; the array form makes the outer DELETE fetch those n rows by primary key. (With
// `id IN (SELECT …)` PostgreSQL may hash-join the subquery against a full scan of the table.)
async function purgeOrganization(
  organizationId: string,
  cutoff: Date,
  now: Date,
  batchSize: number,
): Promise<PurgeCounts> {
  // Test e-mails first, through their own index; deleting an attempt would cascade to its
  // e-mail anyway, but one foreign-key lookup at a time.
  const testEmails = await inBatches(batchSize, () =>
    deleteOlder("TestEmail", organizationId, cutoff, batchSize),
  );
  // Attempts (request and response bodies) of any delivery, pending ones included: a pending
  // delivery keeps its row and its attempt count, so its next attempt is numbered as before.
  const attempts = await inBatches(batchSize, () =>
    deleteOlder("DeliveryAttempt", organizationId, cutoff, batchSize),
  );
  // Terminal deliveries that ended before the cutoff; their attempts, older still, are gone.
  const deliveries = await inBatches(batchSize, () =>
    deleteOlder(
      "Delivery",
      organizationId,
      cutoff,
      batchSize,
      Prisma.sql`status IN ('SUCCEEDED', 'FAILED') AND COALESCE("completedAt", "createdAt") < ${cutoff}`,
    ),
  );
  // Events no delivery refers to any more. They stay at least as long as the ingest API's
  // duplicate window, so a retried send within it is still recognised, whatever the retention.
  const eventCutoff = new Date(
    Math.min(cutoff.getTime(), retentionCutoff(now, MIN_EVENT_RETENTION_DAYS).getTime()),
  );
  // "No delivery" is a per-row probe of Delivery's eventId index, written as a scalar subquery
  // so it cannot become an anti-join over all of Delivery. SKIP LOCKED passes over an event a
  // concurrent transaction holds (e.g. inserting a delivery for it); the outer probe repeats
  // the check at delete time. No ORDER BY: the LIMIT stops the scan after n deletable events.
  const events = await inBatches(
    batchSize,
    () => db.$executeRaw`
      DELETE FROM "Event" e WHERE e.id = ANY(ARRAY(
        SELECT id FROM "Event" x
        WHERE x."organizationId" = ${organizationId} AND x."receivedAt" < ${eventCutoff}
          AND (SELECT 1 FROM "Delivery" d WHERE d."eventId" = x.id LIMIT 1) IS NULL
        LIMIT ${batchSize} FOR UPDATE SKIP LOCKED))
      AND (SELECT 1 FROM "Delivery" d WHERE d."eventId" = e.id LIMIT 1) IS NULL`,
  );
  return { testEmails, attempts, deliveries, events };
}

/**
 * One batch: up to batchSize rows of `table` of the organization created before the cutoff
 * and meeting `also`. `also` is checked again outside the subquery because PostgreSQL
 * re-checks only those conditions against a row changed meanwhile: a delivery redelivered
 * (PENDING again) while this batch waited for its lock is skipped, never deleted.
 */
function deleteOlder(
  table: "TestEmail" | "DeliveryAttempt" | "Delivery",
  organizationId: string,
  cutoff: Date,
  batchSize: number,
  also: Prisma.Sql = Prisma.sql`TRUE`,
): Promise<number> {
  const t = Prisma.raw(`"${table}"`); // one of three names, never input
  return db.$executeRaw`
    DELETE FROM ${t} WHERE id = ANY(ARRAY(
      SELECT id FROM ${t}
      WHERE "organizationId" = ${organizationId} AND "createdAt" < ${cutoff} AND ${also}
      ORDER BY "createdAt" LIMIT ${batchSize}))
    AND ${also}`;
}

/** Runs one batch after another until a batch deletes fewer than batchSize rows. */
async function inBatches(batchSize: number, batch: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await batch();
    total += deleted;
    if (deleted < batchSize) return total;
    // Let requests waiting in this process run between batches.
    await yieldToEventLoop();
  }
}
