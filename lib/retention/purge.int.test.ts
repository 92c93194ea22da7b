import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createHistory, DAY_MS, storedIds, type HistoryRows } from "@/lib/testing/history";
import { purgeExpired, type PurgeCounts } from "@/lib/retention/purge";
import { resetDatabase, withClient } from "@/lib/testing/db";
import { createTestOwner, createTestWebhook } from "@/lib/testing/fixtures";
import { waitFor } from "@/lib/testing/wait-for";

// purgeExpired against the real database: rows written with explicit ages on both sides of
// each organization's cutoff, then compared id by id with what must be left.

const now = new Date("2026-06-15T12:00:00.000Z");
const ago = (days: number, plusMs = 0) => new Date(now.getTime() - days * DAY_MS + plusMs);
const MINUTE = 60_000;

/** An organization with `retentionDays`, its Owner and one webhook. */
async function orgWithRetention(retentionDays: number) {
  const { org, actor } = await createTestOwner();
  await db.organization.update({ where: { id: org.id }, data: { retentionDays } });
  const { id: webhookId } = await createTestWebhook(actor);
  return { organizationId: org.id, webhookId };
}

const lonelyEvent = (organizationId: string, at: Date) =>
  db.event.create({
    data: { organizationId, type: "chat.closed", occurredAt: at, receivedAt: at, data: {} },
    select: { id: true },
  });

type Expected = {
  events: string[];
  deliveries: string[];
  attempts: string[];
  testEmails: string[];
};
const none = (): Expected => ({ events: [], deliveries: [], attempts: [], testEmails: [] });

/** Adds all of a history's rows to `into`. */
function all(into: Expected, rows: HistoryRows) {
  into.events.push(rows.eventId);
  into.deliveries.push(rows.deliveryId);
  into.attempts.push(...rows.attemptIds);
  into.testEmails.push(...rows.testEmailIds);
}

const sorted = (e: Expected) => ({
  events: [...e.events].sort(),
  deliveries: [...e.deliveries].sort(),
  attempts: [...e.attempts].sort(),
  testEmails: [...e.testEmails].sort(),
});

const counted = (e: Expected): PurgeCounts => ({
  testEmails: e.testEmails.length,
  attempts: e.attempts.length,
  deliveries: e.deliveries.length,
  events: e.events.length,
});

beforeEach(async () => {
  // purgeExpired walks every organization: start from an empty database.
  await resetDatabase();
});

afterAll(async () => {
  await resetDatabase();
});

describe("purgeExpired", () => {
  it("deletes exactly what each organization's retention no longer covers", async () => {
    const kept = none();
    const deleted = none();

    for (const retention of [7, 30]) {
      const org = await orgWithRetention(retention);
      const history = (o: Omit<Parameters<typeof createHistory>[0], keyof typeof org>) =>
        createHistory({ ...org, ...o });

      // A minute either side of the cutoff.
      all(kept, await history({ at: ago(retention, MINUTE), testEmails: true }));
      all(deleted, await history({ at: ago(retention, -MINUTE), testEmails: true }));

      // Ten days old: past the 7-day cutoff, within the 30-day one.
      const tenDays = await history({
        at: ago(10),
        status: "FAILED",
        attempts: [ago(10), ago(10, 5 * MINUTE)],
        testEmails: true,
      });
      all(retention === 7 ? deleted : kept, tenDays);

      // Pending for 40 days: the delivery and its event stay; its old attempts go.
      const pending = await history({
        at: ago(40),
        status: "PENDING",
        attempts: [ago(40), ago(39)],
        testEmails: true,
      });
      kept.events.push(pending.eventId);
      kept.deliveries.push(pending.deliveryId);
      deleted.attempts.push(...pending.attemptIds);
      deleted.testEmails.push(...pending.testEmailIds);

      // Created 40 days ago, redelivered 2 days ago: it ended recently, so it stays with
      // its recent attempt; the attempt from 40 days ago goes.
      const redelivered = await history({
        at: ago(40),
        attempts: [ago(40), ago(2)],
        completedAt: ago(2),
        testEmails: true,
      });
      kept.events.push(redelivered.eventId);
      kept.deliveries.push(redelivered.deliveryId);
      kept.attempts.push(redelivered.attemptIds[1]!);
      kept.testEmails.push(redelivered.testEmailIds[1]!);
      deleted.attempts.push(redelivered.attemptIds[0]!);
      deleted.testEmails.push(redelivered.testEmailIds[0]!);

      all(kept, await history({ at: ago(1), testEmails: true }));

      // An event that matched no webhook.
      const lonely = await lonelyEvent(org.organizationId, ago(10));
      (retention === 7 ? deleted : kept).events.push(lonely.id);
    }

    const counts = await purgeExpired({ now });

    expect(await storedIds()).toEqual(sorted(kept));
    expect(counts).toEqual(counted(deleted));
    expect(await purgeExpired({ now })).toEqual({
      testEmails: 0,
      attempts: 0,
      deliveries: 0,
      events: 0,
    });
  });

  it("keeps events at least 7 days however short the retention (ingest recognises resends that long)", async () => {
    const org = await orgWithRetention(1);
    const recentHistory = await createHistory({ ...org, at: ago(3) });
    const recentLonely = await lonelyEvent(org.organizationId, ago(3));
    const oldLonely = await lonelyEvent(org.organizationId, ago(8));

    const counts = await purgeExpired({ now });

    expect(counts).toEqual({ testEmails: 0, attempts: 1, deliveries: 1, events: 1 });
    const left = await storedIds();
    expect(left.deliveries).toEqual([]);
    expect(left.events).toEqual([recentHistory.eventId, recentLonely.id].sort());
    expect(left.events).not.toContain(oldLonely.id);
  });

  it("deletes in several batches until none is full, and is a no-op the second time", async () => {
    const org = await orgWithRetention(30);
    const expired: HistoryRows[] = [];
    for (let i = 0; i < 5; i++) {
      expired.push(await createHistory({ ...org, at: ago(31 + i), testEmails: true }));
    }
    const pending = await createHistory({ ...org, at: ago(60), status: "PENDING", attempts: [] });
    const recent = await createHistory({ ...org, at: ago(2), testEmails: true });

    // 5 rows per table with batches of 2: three batches each (2, 2, 1).
    const first = await purgeExpired({ now, batchSize: 2 });

    expect(first).toEqual({ testEmails: 5, attempts: 5, deliveries: 5, events: 5 });
    const expected = none();
    all(expected, recent);
    expected.events.push(pending.eventId);
    expected.deliveries.push(pending.deliveryId);
    const left = await storedIds();
    expect(left).toEqual(sorted(expected));

    const second = await purgeExpired({ now, batchSize: 2 });

    expect(second).toEqual({ testEmails: 0, attempts: 0, deliveries: 0, events: 0 });
    expect(await storedIds()).toEqual(left);
  });

  it("stops at a batch that is exactly full only after an empty one (4 rows, batches of 2)", async () => {
    const org = await orgWithRetention(30);
    for (let i = 0; i < 4; i++) await createHistory({ ...org, at: ago(31 + i) });

    const counts = await purgeExpired({ now, batchSize: 2 });

    expect(counts).toEqual({ testEmails: 0, attempts: 4, deliveries: 4, events: 4 });
    expect(await storedIds()).toEqual(sorted(none()));
  });

  it("never deletes a delivery redelivered while its batch waited for the row", async () => {
    const org = await orgWithRetention(30);
    const redelivered = await createHistory({ ...org, at: ago(40), attempts: [] });
    const finished = await createHistory({ ...org, at: ago(40), attempts: [] });

    const counts = await withClient(process.env.DATABASE_URL!, async (client) => {
      // Redeliver, as lib/delivery-log does, in a transaction that holds the row meanwhile.
      await client.query("BEGIN");
      await client.query(`SELECT 1 FROM "Delivery" WHERE id = $1 FOR UPDATE`, [
        redelivered.deliveryId,
      ]);
      const purge = purgeExpired({ now });
      // On a PostgreSQL server the purge's DELETE now waits for the row. (Embedded PGlite
      // runs one transaction at a time: there the purge waits for the COMMIT instead.)
      if (process.env.TEST_DATABASE_EMBEDDED !== "1") {
        // Asked outside the transaction: inside one, pg_stat_activity is a snapshot.
        await waitFor(
          async () => {
            const [row] = await db.$queryRaw<{ n: number }[]>`
              SELECT count(*)::int AS n FROM pg_stat_activity
              WHERE wait_event_type = 'Lock' AND query LIKE '%DELETE FROM "Delivery"%'`;
            return row!.n > 0;
          },
          { message: "the purge to wait for the delivery's row" },
        );
      }
      await client.query(
        `UPDATE "Delivery" SET status = 'PENDING', "completedAt" = NULL, "nextAttemptAt" = now()
         WHERE id = $1`,
        [redelivered.deliveryId],
      );
      await client.query("COMMIT");
      return purge;
    });

    expect(counts.deliveries).toBe(1);
    const left = await storedIds();
    expect(left.deliveries).toEqual([redelivered.deliveryId]);
    expect(left.events).toEqual([redelivered.eventId]);
    expect(left.events).not.toContain(finished.eventId);
  });

  it("refuses a batch size that is not a positive integer", async () => {
    await expect(purgeExpired({ now, batchSize: 0 })).rejects.toThrow(/positive integer/);
  });
});
