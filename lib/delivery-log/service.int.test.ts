import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import {
  countRecoverable,
  getDelivery,
  listDeliveries,
  PAGE_SIZE,
  RECOVERY_PER_SECOND,
  recoverFailed,
  redeliver,
} from "@/lib/delivery-log/service";
import { attemptDelivery } from "@/lib/delivery/attempt";
import { closeOutboundAgents } from "@/lib/outbound/guarded-send";
import { ForbiddenError, NotFoundError, UserError } from "@/lib/errors";
import { resetDatabase } from "@/lib/testing/db";
import {
  createTestActor,
  createTestOwner,
  createTestWebhook,
  ingestTestEvent,
} from "@/lib/testing/fixtures";
import { startReceiver, type Receiver } from "@/lib/testing/receiver";

// The delivery log's service against the real database and a real receiver.

let receiver: Receiver;
let owner: Actor;
let viewer: Actor;
let other: Actor;
let orgId: string;

beforeAll(async () => {
  await resetDatabase();
  receiver = await startReceiver();
});

beforeEach(async () => {
  const created = await createTestOwner();
  owner = created.actor;
  orgId = created.org.id;
  viewer = await createTestActor(created.org, "VIEWER");
  other = (await createTestOwner()).actor;
  receiver.respondWith({ status: 200 });
});

afterAll(async () => {
  await closeOutboundAgents();
  await receiver.close();
  await db.$disconnect();
});

const live = (name = "CRM", eventType: "chat.closed" | "chat.opened" = "chat.closed") =>
  createTestWebhook(owner, {
    name,
    eventType,
    url: `${receiver.url}/hook`,
    testMode: false,
    retryPolicy: "NONE",
  });

describe("listDeliveries", () => {
  it("pages newest first by keyset, every row exactly once", async () => {
    const { id } = await live();
    const total = PAGE_SIZE + 7;
    for (let i = 0; i < total; i++) await ingestTestEvent(orgId, { webhookId: id });
    const first = await listDeliveries(viewer, {});
    expect(first.rows).toHaveLength(PAGE_SIZE);
    expect(first.next).not.toBeNull();
    const second = await listDeliveries(viewer, { cursor: first.next! });
    expect(second.rows).toHaveLength(7);
    expect(second.next).toBeNull();
    const ids = [...first.rows, ...second.rows].map((r) => r.id);
    expect(new Set(ids).size).toBe(total);
    const times = [...first.rows, ...second.rows].map((r) => r.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("filters by webhook, event type, status, mode and time, and searches event data", async () => {
    const closed = await live("Closed", "chat.closed");
    const opened = await live("Opened", "chat.opened");
    const a = await ingestTestEvent(orgId, {
      webhookId: closed.id,
      patch: { chat: { session_id: "CS-FIND-ME", customer_email: "Mary@Example.com" } },
    });
    const b = await ingestTestEvent(orgId, { type: "chat.opened", webhookId: opened.id });
    receiver.respondWith({ status: 500 });
    await attemptDelivery(b.deliveries[0]!.id);
    await ingestTestEvent((await createTestOwner()).org.id); // another organization's

    const ids = async (filters: Parameters<typeof listDeliveries>[1]) =>
      (await listDeliveries(owner, filters)).rows.map((r) => r.id);
    const [da, db_] = [a.deliveries[0]!.id, b.deliveries[0]!.id];
    expect((await ids({})).sort()).toEqual([da, db_].sort());
    expect(await ids({ webhook: closed.id })).toEqual([da]);
    expect(await ids({ eventType: "chat.opened" })).toEqual([db_]);
    expect(await ids({ status: "failed" })).toEqual([db_]);
    expect(await ids({ status: "pending" })).toEqual([da]);
    expect(await ids({ mode: "test" })).toEqual([]);
    expect(await ids({ from: new Date(Date.now() + 60_000).toISOString() })).toEqual([]);
    expect(await ids({ q: "CS-FIND-ME" })).toEqual([da]);
    expect(await ids({ q: "mary@example.com" })).toEqual([da]);
    expect(await ids({ q: a.eventId })).toEqual([da]);
    expect(await ids({ q: "nothing-like-this" })).toEqual([]);
    const failed = (await listDeliveries(owner, { status: "failed" })).rows[0]!;
    expect(failed).toMatchObject({ lastResponseStatus: 500, attemptCount: 1 });
  });

  it("never shows another organization's deliveries", async () => {
    const { id } = await live();
    await ingestTestEvent(orgId, { webhookId: id });
    expect((await listDeliveries(other, {})).rows).toEqual([]);
  });
});

describe("getDelivery and redeliver", () => {
  it("redelivers a failed delivery now, with the same webhook-id, as a new attempt", async () => {
    const { id } = await live();
    const { deliveries } = await ingestTestEvent(orgId, { webhookId: id });
    const deliveryId = deliveries[0]!.id;
    receiver.respondWith({ status: 503 });
    expect(await attemptDelivery(deliveryId)).toEqual({ status: "failed", attempt: 1 });

    receiver.respondWith({ status: 200 });
    await redeliver(owner, deliveryId);
    expect(await attemptDelivery(deliveryId)).toEqual({ status: "succeeded", attempt: 2 });
    const detail = await getDelivery(viewer, deliveryId);
    expect(detail.status).toBe("SUCCEEDED");
    expect(detail.attempts.map((a) => [a.number, a.responseStatus])).toEqual([
      [1, 503],
      [2, 200],
    ]);
    const ids = receiver.requests.slice(-2).map((r) => r.headers["webhook-id"]);
    expect(ids).toEqual([deliveryId, deliveryId]);
  });

  it("refuses Viewers, other organizations, and disabled webhooks", async () => {
    const { id } = await live();
    const { deliveries } = await ingestTestEvent(orgId, { webhookId: id });
    const deliveryId = deliveries[0]!.id;
    await expect(redeliver(viewer, deliveryId)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(redeliver(other, deliveryId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getDelivery(other, deliveryId)).rejects.toBeInstanceOf(NotFoundError);
    await db.webhook.update({ where: { id }, data: { enabled: false } });
    await expect(redeliver(owner, deliveryId)).rejects.toThrow(UserError);
  });
});

describe("recoverFailed", () => {
  it("counts, then schedules the failed deliveries since a time, spread at the recovery rate", async () => {
    const { id } = await live();
    receiver.respondWith({ status: 500 });
    const failed: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { deliveries } = await ingestTestEvent(orgId, { webhookId: id });
      await attemptDelivery(deliveries[0]!.id);
      failed.push(deliveries[0]!.id);
    }
    const old = failed[0]!;
    await db.delivery.update({
      where: { id: old },
      data: { createdAt: new Date(Date.now() - 3 * 3600_000) },
    });
    const since = new Date(Date.now() - 3600_000);
    expect(await countRecoverable(viewer, id, since)).toBe(2);
    await expect(recoverFailed(viewer, id, since)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(recoverFailed(other, id, since)).rejects.toBeInstanceOf(NotFoundError);

    const before = Date.now();
    expect(await recoverFailed(owner, id, since)).toEqual({ count: 2 });
    const rows = await db.delivery.findMany({
      where: { id: { in: failed.slice(1) } },
      orderBy: { nextAttemptAt: "asc" },
    });
    expect(rows.map((r) => r.status)).toEqual(["PENDING", "PENDING"]);
    const [first, second] = rows.map((r) => r.nextAttemptAt!.getTime());
    expect(first).toBeGreaterThanOrEqual(before - 1000);
    expect(second! - first!).toBe(1000 / RECOVERY_PER_SECOND);
    expect((await db.delivery.findUniqueOrThrow({ where: { id: old } })).status).toBe("FAILED");

    receiver.respondWith({ status: 200 });
    for (const r of rows) {
      await db.delivery.update({ where: { id: r.id }, data: { nextAttemptAt: new Date() } });
      expect((await attemptDelivery(r.id)).status).toBe("succeeded");
    }
  });
});
