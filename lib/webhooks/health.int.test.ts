import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { attemptDelivery } from "@/lib/delivery/attempt";
import { closeOutboundAgents } from "@/lib/outbound/guarded-send";
import { resetDatabase } from "@/lib/testing/db";
import {
  createTestActor,
  createTestOwner,
  createTestWebhook,
  ingestTestEvent,
  type TestOrg,
} from "@/lib/testing/fixtures";
import { startMailbox, type Mailbox } from "@/lib/testing/mailbox";
import { startReceiver, type Receiver } from "@/lib/testing/receiver";
import { waitFor } from "@/lib/testing/wait-for";
import { setWebhookEnabled } from "@/lib/webhooks/service";
import { webhooksInTrouble } from "@/lib/webhooks/stats";

// Endpoint health through the real attempt path: Live deliveries to a receiver that answers
// 500 fail for good (retry policy None), and the webhook's counter, alerts and disabling follow.

let mailbox: Mailbox;
let receiver: Receiver;
let org: TestOrg;
let owner: Actor;
let admin: Actor;
let status = 500;

beforeAll(async () => {
  mailbox = await startMailbox();
  process.env.SMTP_URL = mailbox.url; // before anything reads env()
  await resetDatabase();
  receiver = await startReceiver(() => ({ status }));
});

beforeEach(async () => {
  ({ org, actor: owner } = await createTestOwner());
  admin = await createTestActor(org, "ADMIN");
  await createTestActor(org, "VIEWER", `viewer-${Date.now()}@example.test`);
  status = 500;
});

afterEach(() => {
  mailbox.messages.length = 0;
});

afterAll(async () => {
  await closeOutboundAgents();
  await mailbox.close();
  await receiver.close();
  await db.$disconnect();
});

async function liveWebhook() {
  return createTestWebhook(owner, {
    name: "CRM",
    url: `${receiver.url}/hook`,
    testMode: false,
    retryPolicy: "NONE",
  });
}

/** Sends n events to the webhook, each attempted once (and so failed for good at 500). */
async function deliver(webhookId: string, n: number) {
  for (let i = 0; i < n; i++) {
    const { deliveries } = await ingestTestEvent(org.id, { webhookId });
    await attemptDelivery(deliveries[0]!.id);
  }
}

const hook = (id: string) => db.webhook.findUniqueOrThrow({ where: { id } });

describe("endpoint health", () => {
  it("alerts once when failures from several workers cross a threshold together", async () => {
    const { id } = await liveWebhook();
    const ids = [];
    for (let i = 0; i < 7; i++)
      ids.push((await ingestTestEvent(org.id, { webhookId: id })).deliveries[0]!.id);
    // Seven attempts at once, as several processes' workers would make them.
    await Promise.all(ids.map((delivery) => attemptDelivery(delivery)));
    expect((await hook(id)).consecutiveFailures).toBe(7);
    await waitFor(() => mailbox.messages.length >= 1);
    await deliver(id, 3); // crosses 10: the second alert's arrival shows no more of the first came
    await waitFor(() => mailbox.messages.length >= 2);
    expect(mailbox.messages.map((m) => m.subject)).toEqual([
      "[Webhooks] “CRM” has failed 5 deliveries in a row",
      "[Webhooks] “CRM” has failed 10 deliveries in a row",
    ]);
  });

  it("alerts Owners and Admins once at 5, 10 and 15 failures in a row, and disables at 20", async () => {
    const { id } = await liveWebhook();
    await deliver(id, 4);
    expect((await hook(id)).consecutiveFailures).toBe(4);
    expect(mailbox.messages).toHaveLength(0);
    expect(await webhooksInTrouble(owner)).toEqual([]); // no banner below the first threshold

    await deliver(id, 1);
    await waitFor(() => mailbox.messages.length === 1);
    const [first] = mailbox.messages;
    expect(first!.subject).toBe("[Webhooks] “CRM” has failed 5 deliveries in a row");
    expect(first!.to.sort()).toEqual([owner.email, admin.email].sort()); // not the Viewer
    expect((await hook(id)).failureAlertLevel).toBe(5);
    expect(await webhooksInTrouble(owner)).toEqual([
      { id, name: "CRM", enabled: true, consecutiveFailures: 5 },
    ]);

    await deliver(id, 4);
    expect(mailbox.messages).toHaveLength(1); // no alert between thresholds
    await deliver(id, 1);
    await deliver(id, 5);
    expect(mailbox.messages.map((m) => m.subject)).toEqual([
      "[Webhooks] “CRM” has failed 5 deliveries in a row",
      "[Webhooks] “CRM” has failed 10 deliveries in a row",
      "[Webhooks] “CRM” has failed 15 deliveries in a row",
    ]);
    await deliver(id, 4);
    expect((await hook(id)).enabled).toBe(true);
    await deliver(id, 1);
    const disabled = await hook(id);
    expect(disabled.enabled).toBe(false);
    expect(disabled.disabledReason).toMatch(/20 deliveries in a row failed/);
    expect(mailbox.messages.at(-1)!.subject).toBe("[Webhooks] “CRM” was disabled");
    expect(await webhooksInTrouble(owner)).toMatchObject([{ id, enabled: false }]);
    // The audit log says the system did it, and why.
    expect(
      await db.auditEntry.findMany({ where: { targetId: id, action: "webhook.auto_disabled" } }),
    ).toEqual([
      expect.objectContaining({
        actorUserId: null,
        actorLabel: "System",
        changes: [{ field: "Enabled", from: "On", to: `Off — ${disabled.disabledReason}` }],
      }),
    ]);

    // Re-enabling by hand starts the count again.
    await setWebhookEnabled(owner, id, true);
    const again = await hook(id);
    expect(again).toMatchObject({
      enabled: true,
      disabledReason: null,
      consecutiveFailures: 0,
      failureAlertLevel: 0,
    });
    expect(await webhooksInTrouble(owner)).toEqual([]);
  });

  it("a success resets the count and records when it happened", async () => {
    const { id } = await liveWebhook();
    await deliver(id, 6);
    expect(await hook(id)).toMatchObject({ consecutiveFailures: 6, failureAlertLevel: 5 });
    status = 200;
    await deliver(id, 1);
    const healthy = await hook(id);
    expect(healthy).toMatchObject({ consecutiveFailures: 0, failureAlertLevel: 0 });
    expect(healthy.lastSuccessAt!.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it("disables after 5 days without a success, whatever the count", async () => {
    const { id } = await liveWebhook();
    const sixDaysAgo = new Date(Date.now() - 6 * 24 * 3600_000);
    await db.$executeRaw`UPDATE "Webhook" SET "lastSuccessAt" = ${sixDaysAgo}, "updatedAt" = ${sixDaysAgo} WHERE id = ${id}`;
    await deliver(id, 1);
    const row = await hook(id);
    expect(row.enabled).toBe(false);
    expect(row.disabledReason).toMatch(/no delivery succeeded for 5 days/);
  });

  it("does not count Test-mode deliveries", async () => {
    const { id } = await createTestWebhook(owner, {
      url: `${receiver.url}/hook`,
      testMode: true,
      testEmails: "qa@example.com",
      retryPolicy: "NONE",
    });
    await deliver(id, 2);
    expect((await hook(id)).consecutiveFailures).toBe(0);
  });
});
