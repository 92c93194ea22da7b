import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { deliveryOutcomes } from "@/lib/events/service";
import { resetDatabase, withClient } from "@/lib/testing/db";
import { createTestOwner, createTestWebhook, ingestTestEvent } from "@/lib/testing/fixtures";
import { waitFor } from "@/lib/testing/wait-for";

// The live outcome Send test event shows, against the real database.

beforeAll(() => resetDatabase());
afterAll(() => db.$disconnect());

it("reads a delivery and its last attempt from one snapshot, even when the attempt is recorded mid-read", async () => {
  const { org, actor } = await createTestOwner();
  const webhook = await createTestWebhook(actor, { name: "CRM", testMode: false });
  const { deliveries } = await ingestTestEvent(org.id, { webhookId: webhook.id });
  const { id } = deliveries[0]!;
  // Claimed: its first attempt is under way.
  await db.delivery.update({ where: { id }, data: { attemptCount: 1 } });

  // The attempt is recorded (one transaction, as the worker does) while the outcome is being
  // read: the attempt table is locked until the read has seen the delivery and waits for it.
  await withClient(process.env.DATABASE_URL!, async (writer) => {
    await writer.query("BEGIN");
    await writer.query('LOCK TABLE "DeliveryAttempt" IN ACCESS EXCLUSIVE MODE');
    const read = deliveryOutcomes(actor, [id]);
    await waitFor(
      async () => {
        // pg_stat_activity is read once per transaction unless its snapshot is cleared.
        await writer.query("SELECT pg_stat_clear_snapshot()");
        const { rows } = await writer.query(
          `SELECT 1 FROM pg_stat_activity
           WHERE wait_event_type = 'Lock' AND query LIKE '%"DeliveryAttempt"%' AND pid <> pg_backend_pid()`,
        );
        return rows.length > 0;
      },
      { message: "the outcome read waiting for the attempt table" },
    );
    await writer.query(
      `INSERT INTO "DeliveryAttempt" (id, "deliveryId", "organizationId", "webhookId", number,
         "startedAt", "durationMs", "requestMethod", "requestUrl", "requestHeaders", "requestBody",
         outcome, "createdAt")
       VALUES ($1, $2, $3, $4, 1, now(), 5, 'POST', 'https://crm.example.test/', '[]', '{}',
         'succeeded', now())`,
      [randomUUID(), id, org.id, webhook.id],
    );
    await writer.query(
      `UPDATE "Delivery" SET status = 'SUCCEEDED', "completedAt" = now(), "nextAttemptAt" = NULL
       WHERE id = $1`,
      [id],
    );
    await writer.query("COMMIT");
    const [outcome] = await read;
    if (!outcome) throw new Error("the outcome read returned nothing");

    // Either before the attempt (still sending) or after it (delivered); never the delivery
    // from before and the attempt from after, which reads as "Attempt 1 failed (error)" and
    // stops the dialog's polling for good.
    const seen = { status: outcome.status, lastAttempt: outcome.lastAttempt?.number ?? null };
    expect([
      { status: "PENDING", lastAttempt: null },
      { status: "SUCCEEDED", lastAttempt: 1 },
    ]).toContainEqual(seen);
  });

  // And once recorded, it reads as delivered.
  const [after] = await deliveryOutcomes(actor, [id]);
  expect(after).toMatchObject({ status: "SUCCEEDED", lastAttempt: { number: 1 } });
});
