import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { WEBHOOK_CONCURRENCY } from "@/lib/delivery/claim";
import { EmbeddedWorker, type WorkerOptions } from "@/lib/delivery/embedded-worker";
import { closeOutboundAgents } from "@/lib/outbound/guarded-send";
import { TestClock } from "@/lib/testing/clock";
import { resetDatabase } from "@/lib/testing/db";
import { createTestOwner, createTestWebhook, ingestTestEvent } from "@/lib/testing/fixtures";
import { startReceiver, type Receiver, type Reply } from "@/lib/testing/receiver";
import { waitFor } from "@/lib/testing/wait-for";

// The embedded worker end to end: real workers polling the real database, delivering to a
// real receiver. Retries are reached by moving the workers' clock, never by waiting for them.

const SECOND = 1000;

let actor: Actor;
let orgId: string;
const workers: EmbeddedWorker[] = [];
const receivers: Receiver[] = [];

// The workers claim any due delivery in the database, so each test starts from empty tables.
beforeEach(async () => {
  await resetDatabase();
  ({
    actor,
    org: { id: orgId },
  } = await createTestOwner());
});

afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop()));
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

afterAll(async () => {
  await closeOutboundAgents();
  await db.$disconnect();
});

function startWorker(options: WorkerOptions = {}) {
  const worker = new EmbeddedWorker({ pollMs: 50, ...options });
  workers.push(worker);
  worker.start();
  return worker;
}

async function receiver(respond?: Parameters<typeof startReceiver>[0]) {
  const r = await startReceiver(respond);
  receivers.push(r);
  return r;
}

async function webhookFor(r: Receiver) {
  return (await createTestWebhook(actor, { url: `${r.url}/hooks` })).id;
}

async function ingest(webhookId: string, wake: EmbeddedWorker[] = []) {
  const { deliveries } = await ingestTestEvent(orgId, { webhookId });
  for (const worker of wake) worker.wake();
  return deliveries[0]!.id;
}

const deliveryRow = (id: string) => db.delivery.findUniqueOrThrow({ where: { id } });
const attemptRows = (deliveryId: string) =>
  db.deliveryAttempt.findMany({ where: { deliveryId }, orderBy: { number: "asc" } });

/** Waits until attempt `n` of the delivery is recorded, and returns the delivery row. */
async function attemptRecorded(deliveryId: string, n: number) {
  await waitFor(() => db.deliveryAttempt.count({ where: { deliveryId, number: n } }), {
    message: `attempt ${n} of ${deliveryId} recorded`,
  });
  return deliveryRow(deliveryId);
}

const succeededCount = (ids: string[]) =>
  db.delivery.count({ where: { id: { in: ids }, status: "SUCCEEDED" } });

describe("EmbeddedWorker", () => {
  it("delivers 50 ingested events exactly once each", async () => {
    const r = await receiver();
    const webhookId = await webhookFor(r);
    const worker = startWorker();

    const ids: string[] = [];
    for (let i = 0; i < 50; i++) ids.push(await ingest(webhookId, [worker]));

    await waitFor(async () => (await succeededCount(ids)) === 50, {
      timeoutMs: 15_000,
      message: "all 50 deliveries succeeded",
    });
    expect(r.requests).toHaveLength(50);
    expect(new Set(r.requests.map((q) => q.header("webhook-id")))).toEqual(new Set(ids));
    const attempts = await db.deliveryAttempt.findMany({ where: { deliveryId: { in: ids } } });
    expect(attempts).toHaveLength(50);
    expect(attempts.every((a) => a.number === 1 && a.outcome === "succeeded")).toBe(true);
    expect(await db.delivery.count({ where: { id: { in: ids }, attemptCount: 1 } })).toBe(50);
  });

  it("keeps delivering to other webhooks while one receiver hangs", async () => {
    const hanging = await receiver({ hang: true });
    const fast = await receiver();
    const stuckWebhook = (
      await createTestWebhook(actor, { url: `${hanging.url}/hooks`, timeoutSeconds: 5 })
    ).id;
    const fastWebhook = await webhookFor(fast);
    // The hanging webhook's 30 deliveries are due first, and would fill all 16 slots.
    for (let i = 0; i < 30; i++) await ingest(stuckWebhook);
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push(await ingest(fastWebhook));

    startWorker({ concurrency: 16 });
    await waitFor(async () => (await succeededCount(ids)) === 30, {
      timeoutMs: 4_000,
      message: "the other webhook's 30 deliveries succeeded while one receiver hangs",
    });
    expect(hanging.requests.length).toBe(WEBHOOK_CONCURRENCY);
    await hanging.close(); // the hung attempts end now, not at their timeout
  });

  it("is woken at once after an ingest instead of waiting for its poll", async () => {
    const r = await receiver();
    const webhookId = await webhookFor(r);
    // The worker's clock runs an hour behind, so whatever it does before the wake-up, the new
    // delivery is not due for it and it can only sleep its full poll (10 s).
    const clock = new TestClock();
    clock.advance(-60 * 60 * SECOND);
    const worker = startWorker({ pollMs: 10_000, clock });

    await ingest(webhookId);
    clock.advance(60 * 60 * SECOND);
    const wokenAt = Date.now();
    worker.wake();

    const [request] = await r.waitForRequests(1, 5_000);
    expect(request!.at - wokenAt).toBeLessThan(2_000);
  });

  it("retries on its clock: a receiver failing twice gets the delivery on attempt 3", async () => {
    const r = await receiver();
    r.reply({ status: 500 }, { status: 503 });
    const webhookId = await webhookFor(r);
    const clock = new TestClock();
    const worker = startWorker({ clock });

    const id = await ingest(webhookId, [worker]);

    const afterFirst = await attemptRecorded(id, 1);
    expect(afterFirst).toMatchObject({ status: "PENDING", attemptCount: 1 });
    expect(r.requests).toHaveLength(1);
    clock.set(afterFirst.nextAttemptAt!);
    const afterSecond = await attemptRecorded(id, 2);
    expect(afterSecond).toMatchObject({ status: "PENDING", attemptCount: 2 });
    expect(r.requests).toHaveLength(2);
    clock.set(afterSecond.nextAttemptAt!);
    await waitFor(async () => (await deliveryRow(id)).status === "SUCCEEDED", {
      message: "delivery succeeded",
    });

    expect((await attemptRows(id)).map((a) => [a.number, a.outcome, a.responseStatus])).toEqual([
      [1, "retry", 500],
      [2, "retry", 503],
      [3, "succeeded", 200],
    ]);
    expect(r.requests.map((q) => q.header("x-webhook-attempt"))).toEqual(["1", "2", "3"]);
    expect(new Set(r.requests.map((q) => q.header("webhook-id")))).toEqual(new Set([id]));
  });

  it("sends a retry when it is due even while other attempts keep it busy", async () => {
    // Busy: a receiver that never answers holds attempts in flight, so the worker only polls
    // (here every 10 s) instead of sleeping until the next due delivery.
    const hanging = await receiver({ hang: true });
    const stuck = (
      await createTestWebhook(actor, { url: `${hanging.url}/hooks`, timeoutSeconds: 30 })
    ).id;
    const flaky = await receiver();
    flaky.reply({ status: 500 });
    const worker = startWorker({ pollMs: 10_000 });
    await ingest(stuck, [worker]);
    await hanging.waitForRequests(1, 5_000);

    const id = await ingest(await webhookFor(flaky), [worker]);
    const { nextAttemptAt } = await attemptRecorded(id, 1);
    const [, retry] = await flaky.waitForRequests(2, 15_000);
    // Standard's first retry is a few seconds out; it comes at its time, not at the next poll.
    expect(retry!.at).toBeGreaterThanOrEqual(nextAttemptAt!.getTime());
    expect(retry!.at - nextAttemptAt!.getTime()).toBeLessThan(500);
    await hanging.close();
  });

  it("reclaims a delivery whose claim was left by a crashed process once the lease expires", async () => {
    const r = await receiver();
    const webhookId = await webhookFor(r);
    const id = await ingest(webhookId);
    // As if another process had claimed it for a minute and died.
    await db.delivery.update({
      where: { id },
      data: { leaseUntil: new Date(Date.now() + 60 * SECOND) },
    });
    const clock = new TestClock();
    startWorker({ clock });

    // Several polls (each reads the clock to claim and to sleep) leave the leased row alone.
    await waitFor(() => clock.reads >= 10, { message: "the worker polled" });
    expect(r.requests).toHaveLength(0);
    clock.advance(61 * SECOND);

    await r.waitForRequests(1);
    await waitFor(async () => (await deliveryRow(id)).status === "SUCCEEDED", {
      message: "delivery succeeded",
    });
    expect(await deliveryRow(id)).toMatchObject({ attemptCount: 1, leaseUntil: null });
    expect(r.requests).toHaveLength(1);
  });

  it("stop() waits for a claim under way and the attempt it started: nothing runs after it", async () => {
    const r = await receiver();
    const id = await ingest(await webhookFor(r));
    const worker = new EmbeddedWorker({ pollMs: 50 });

    worker.start(); // its first claim is now on its way to the database
    await worker.stop();

    expect(r.requests).toHaveLength(1);
    expect(await deliveryRow(id)).toMatchObject({
      status: "SUCCEEDED",
      attemptCount: 1,
      leaseUntil: null,
    });
    expect(await attemptRows(id)).toHaveLength(1);
  });

  it("two workers on one database never attempt the same delivery at once", async () => {
    // Each delivery's first request fails and its second succeeds; a slow answer widens the
    // window in which a second worker could wrongly take the same delivery.
    const inFlight = new Map<string, number>();
    const seen = new Map<string, number>();
    let overlaps = 0;
    const r = await receiver((request): Reply => {
      const id = request.header("webhook-id") ?? "";
      const n = (seen.get(id) ?? 0) + 1;
      seen.set(id, n);
      return {
        handle: (_req, res) => {
          const now = (inFlight.get(id) ?? 0) + 1;
          if (now > 1) overlaps++;
          inFlight.set(id, now);
          setTimeout(() => {
            inFlight.set(id, (inFlight.get(id) ?? 1) - 1);
            res.writeHead(n === 1 ? 500 : 200).end();
          }, 20);
        },
      };
    });
    const webhookId = await webhookFor(r);
    const clock = new TestClock();
    const pair = [startWorker({ clock }), startWorker({ clock })];

    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push(await ingest(webhookId, pair));
    await waitFor(
      async () =>
        (await db.delivery.count({ where: { id: { in: ids }, attemptCount: 1 } })) === 30 &&
        (await db.deliveryAttempt.count({ where: { deliveryId: { in: ids } } })) === 30,
      { timeoutMs: 15_000, message: "every delivery's first attempt recorded" },
    );
    clock.advance(6 * SECOND); // past every first retry (5 s + 10 %)
    await waitFor(async () => (await succeededCount(ids)) === 30, {
      timeoutMs: 15_000,
      message: "all 30 deliveries succeeded",
    });

    expect(overlaps).toBe(0);
    expect(r.requests).toHaveLength(60);
    for (const id of ids) {
      expect(seen.get(id)).toBe(2);
      expect((await attemptRows(id)).map((a) => [a.number, a.outcome])).toEqual([
        [1, "retry"],
        [2, "succeeded"],
      ]);
    }
    expect(await db.delivery.count({ where: { id: { in: ids }, attemptCount: 2 } })).toBe(30);
  });
});
