import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { logAttempt, type AttemptLogEntry } from "@/lib/delivery/attempt-log";
import { claimDueDeliveries } from "@/lib/delivery/claim";
import { resetDatabase } from "@/lib/testing/db";
import { createTestOwner, createTestWebhook, ingestTestEvent } from "@/lib/testing/fixtures";

// The attempt log writes the attempts that finish together in one statement. These tests
// hand it a batch in one turn of the event loop, so they always share a statement.

let orgId: string;
let webhookId: string;

beforeEach(async () => {
  await resetDatabase();
  const { actor, org } = await createTestOwner();
  orgId = org.id;
  ({ id: webhookId } = await createTestWebhook(actor, {
    url: "https://example.com/hook",
    testMode: false,
  }));
});

afterAll(async () => {
  await db.$disconnect();
});

function entry(deliveryId: string, number: number, status: "SUCCEEDED" | "PENDING") {
  const now = new Date();
  return {
    attempt: {
      id: randomUUID(),
      deliveryId,
      organizationId: orgId,
      webhookId,
      number,
      startedAt: now,
      durationMs: 12,
      requestMethod: "POST",
      requestUrl: "https://example.com/hook",
      requestHeaders: [["webhook-id", deliveryId]],
      requestBody: '{"ok":"🙂"}',
      responseStatus: status === "SUCCEEDED" ? 200 : 503,
      responseHeaders: status === "SUCCEEDED" ? [["content-type", "text/plain"]] : null,
      responseBody: status === "SUCCEEDED" ? "ok" : null,
      responseBodyTruncated: false,
      errorClass: status === "SUCCEEDED" ? null : "HTTP_5XX",
      errorMessage: status === "SUCCEEDED" ? null : "The receiver answered 503.",
      outcome: status === "SUCCEEDED" ? "succeeded" : "retry",
      createdAt: now,
    },
    delivery: {
      live: true,
      status,
      nextAttemptAt: status === "PENDING" ? new Date(now.getTime() + 5_000) : null,
      lastError: status === "SUCCEEDED" ? null : "The receiver answered 503.",
      completedAt: status === "SUCCEEDED" ? now : null,
    },
  } satisfies AttemptLogEntry;
}

async function claimed(count: number) {
  for (let i = 0; i < count; i++) await ingestTestEvent(orgId);
  return claimDueDeliveries(count, new Date(), 60_000);
}

describe("logAttempt", () => {
  it("writes a batch of attempts and moves each delivery to its own next state", async () => {
    const deliveries = await claimed(6);
    expect(deliveries).toHaveLength(6);
    await Promise.all(
      deliveries.map((d, i) =>
        logAttempt(entry(d.id, d.attemptCount, i % 2 ? "PENDING" : "SUCCEEDED")),
      ),
    );
    const rows = await db.delivery.findMany({
      where: { id: { in: deliveries.map((d) => d.id) } },
      include: { attempts: true },
    });
    for (const row of rows) {
      const i = deliveries.findIndex((d) => d.id === row.id);
      expect(row.status).toBe(i % 2 ? "PENDING" : "SUCCEEDED");
      expect(row.leaseUntil).toBeNull();
      expect(row.attempts).toHaveLength(1);
      expect(row.attempts[0]).toMatchObject({
        number: 1,
        requestBody: '{"ok":"🙂"}',
        requestHeaders: [["webhook-id", row.id]],
        errorClass: i % 2 ? "HTTP_5XX" : null,
        responseHeaders: i % 2 ? null : [["content-type", "text/plain"]],
      });
      if (i % 2) expect(row.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now());
      else expect(row.completedAt).not.toBeNull();
    }
  });

  it("fails only the entry that cannot be written, not the others in its batch", async () => {
    const deliveries = await claimed(4);
    const gone = deliveries[1]!;
    await db.delivery.delete({ where: { id: gone.id } });
    const results = await Promise.allSettled(
      deliveries.map((d) => logAttempt(entry(d.id, d.attemptCount, "SUCCEEDED"))),
    );
    expect(results.map((r) => r.status)).toEqual([
      "fulfilled",
      "rejected",
      "fulfilled",
      "fulfilled",
    ]);
    expect(await db.deliveryAttempt.count()).toBe(3);
    expect(await db.delivery.count({ where: { status: "SUCCEEDED" } })).toBe(3);
  });

  it("never reopens a delivery another attempt already made terminal", async () => {
    const [delivery] = await claimed(1);
    await logAttempt(entry(delivery!.id, 1, "SUCCEEDED"));
    await logAttempt(entry(delivery!.id, 2, "PENDING"));
    const row = await db.delivery.findUniqueOrThrow({ where: { id: delivery!.id } });
    expect(row.status).toBe("SUCCEEDED");
    expect(await db.deliveryAttempt.count({ where: { deliveryId: delivery!.id } })).toBe(2);
  });
});
