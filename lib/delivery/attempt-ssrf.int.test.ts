import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { attemptDelivery } from "@/lib/delivery/attempt";
import { closeOutboundAgents } from "@/lib/outbound/guarded-send";
import { resetDatabase } from "@/lib/testing/db";
import { createTestOwner, createTestWebhook, ingestTestEvent } from "@/lib/testing/fixtures";
import { startReceiver, type Receiver } from "@/lib/testing/receiver";

// attemptDelivery with the production outbound policy (no OUTBOUND_ALLOW_CIDRS): a webhook
// pointed at this server itself is refused before anything is sent, and not retried.

let r: Receiver;

beforeAll(async () => {
  // Before anything reads env(), which caches it for this file.
  process.env.OUTBOUND_ALLOW_CIDRS = "";
  await resetDatabase();
  r = await startReceiver();
});

afterEach(() => {
  r.requests.length = 0;
});

afterAll(async () => {
  await r.close();
  await closeOutboundAgents();
  await db.$disconnect();
});

describe("attemptDelivery to a loopback address", () => {
  it.each([
    { host: "127.0.0.1", reason: /blocked: 127\.0\.0\.1 is a loopback address/ },
    // localhost may resolve to 127.0.0.1 or ::1 first; either is named.
    {
      host: "localhost",
      reason: /blocked: localhost resolves to (127\.0\.0\.1|::1), and .* loopback/,
    },
  ])("http://$host:<port> is BLOCKED at once: nothing sent, no retry", async ({ host, reason }) => {
    const { org, actor } = await createTestOwner();
    const webhook = await createTestWebhook(actor, { url: `http://${host}:${r.port}/hook` });
    const { deliveries } = await ingestTestEvent(org.id, { webhookId: webhook.id });
    const deliveryId = deliveries[0]!.id;

    expect(await attemptDelivery(deliveryId)).toEqual({ status: "failed", attempt: 1 });

    expect(r.requests).toHaveLength(0);
    const attempts = await db.deliveryAttempt.findMany({ where: { deliveryId } });
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({
      outcome: "failed",
      errorClass: "BLOCKED",
      responseStatus: null,
    });
    expect(attempts[0]!.errorMessage).toMatch(reason);
    expect(await db.delivery.findUniqueOrThrow({ where: { id: deliveryId } })).toMatchObject({
      status: "FAILED",
      attemptCount: 1,
      nextAttemptAt: null,
      lastError: attempts[0]!.errorMessage,
    });
  });
});
