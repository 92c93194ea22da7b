import { newWebhookDefaults } from "@/lib/webhooks/form-values";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { InngestTestEngine } from "@inngest/test";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Role } from "@/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { WEBHOOK_CONCURRENCY } from "@/lib/delivery/claim";
import { sampleData } from "@/lib/events/sample-data";
import { ingestEvent } from "@/lib/events/ingest";
import { DELIVERY_REQUESTED } from "@/lib/inngest/client";
import { deliverWebhook, sweepOverdueDeliveries } from "@/lib/inngest/functions";
import { resetDatabase } from "@/lib/testing/db";
import { createWebhookSchema, type WebhookFormValues } from "@/lib/webhooks/schemas";
import { createWebhook } from "@/lib/webhooks/service";

// The Inngest functions run by @inngest/test's engine (the framework's own harness) against
// the real database and a real receiver on 127.0.0.1. Sleeps are the one thing mocked, by
// step id: an un-mocked sleep never resolves in the harness, and time passing is simulated
// by making the delivery due, which is all the real sleep achieves.

type Received = { method: string; url: string; headers: http.IncomingHttpHeaders; body: string };
type Receiver = { url: string; requests: Received[]; close(): Promise<void> };

/** An HTTP receiver answering the given statuses in turn (the last one from then on). */
async function startReceiver(statuses: number[]): Promise<Receiver> {
  const requests: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      requests.push({
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      res.statusCode = statuses[Math.min(requests.length, statuses.length) - 1] ?? 200;
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const baseWebhook: WebhookFormValues = {
  ...newWebhookDefaults(""),
  url: "http://127.0.0.1:9/hook",
  testMode: false,
  timeoutSeconds: 5,
};

let owner: Actor;
let receivers: Receiver[] = [];

async function createOwner(role: Role = "OWNER"): Promise<Actor> {
  const org = await db.organization.create({ data: { name: "Org" } });
  const user = await db.user.create({
    data: { email: "owner@org.test", name: "Owner", passwordHash: "unused" },
  });
  await db.membership.create({ data: { userId: user.id, organizationId: org.id, role } });
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    organizationId: org.id,
    organizationName: org.name,
    role,
  };
}

/** A webhook to `url` and one event for it: the pending delivery Inngest is asked to run. */
async function pendingDelivery(url: string, overrides: Partial<WebhookFormValues> = {}) {
  const { id: webhookId } = await createWebhook(
    owner,
    createWebhookSchema.parse({ ...baseWebhook, url, ...overrides }),
  );
  const { deliveries } = await ingestEvent(
    owner.organizationId,
    { type: "chat.closed", data: sampleData("chat.closed") },
    "api",
  );
  const delivery = deliveries.find((d) => d.webhookId === webhookId);
  if (!delivery) throw new Error("ingestEvent created no delivery for the webhook");
  return delivery;
}

async function receiver(statuses: number[]) {
  const r = await startReceiver(statuses);
  receivers.push(r);
  return r;
}

/** A fresh engine for one run of deliverWebhook, triggered as the dispatcher triggers it. */
function deliverRun(delivery: { id: string; webhookId: string }) {
  return new InngestTestEngine({
    function: deliverWebhook,
    events: [
      {
        name: DELIVERY_REQUESTED,
        data: { deliveryId: delivery.id, webhookId: delivery.webhookId },
      },
    ],
  });
}

/** What the real sleep achieves by time passing: the delivery's next attempt is due now. */
const sleepUntilDue = (deliveryId: string) => async () => {
  await db.delivery.update({ where: { id: deliveryId }, data: { nextAttemptAt: new Date() } });
  return null;
};

/** The ids of the step.run / step.sleepUntil calls of the last execution, in order. */
const calls = (mock: { mock: { calls: unknown[][] } }) => mock.mock.calls.map((c) => c[0]);

beforeEach(async () => {
  await resetDatabase();
  owner = await createOwner();
});

afterEach(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  receivers = [];
});

describe("deliverWebhook", () => {
  it("is limited per webhook: concurrency keyed by event.data.webhookId", () => {
    expect(deliverWebhook.opts.concurrency).toEqual({
      key: "event.data.webhookId",
      limit: WEBHOOK_CONCURRENCY,
    });
    expect(deliverWebhook.opts.triggers).toEqual([{ event: DELIVERY_REQUESTED }]);
    // What the Inngest server is told when the app registers.
    const getConfig = (
      deliverWebhook as unknown as {
        getConfig(o: { baseUrl: URL; appPrefix: string }): { concurrency?: unknown }[];
      }
    ).getConfig.bind(deliverWebhook);
    const [config] = getConfig({
      baseUrl: new URL("http://localhost/api/inngest"),
      appPrefix: "app",
    });
    expect(config?.concurrency).toEqual({
      key: "event.data.webhookId",
      limit: WEBHOOK_CONCURRENCY,
    });
  });

  it("delivers to a receiver answering 200 in one attempt", async () => {
    const r = await receiver([200]);
    const delivery = await pendingDelivery(r.url);

    const { result, ctx, error } = await deliverRun(delivery).execute({ steps: [] });

    expect(error).toBeUndefined();
    expect(result).toEqual({ status: "succeeded", attempt: 1 });
    expect(calls(ctx.step.run)).toEqual(["attempt-1"]);
    expect(ctx.step.sleepUntil).not.toHaveBeenCalled();
    expect(r.requests).toHaveLength(1);
    expect(r.requests[0]!.headers["webhook-id"]).toBe(delivery.id);
    const stored = await db.delivery.findUniqueOrThrow({
      where: { id: delivery.id },
      select: { status: true, attemptCount: true, nextAttemptAt: true },
    });
    expect(stored).toEqual({ status: "SUCCEEDED", attemptCount: 1, nextAttemptAt: null });
  });

  it("sleeps until the retry is due after a 500, then succeeds on attempt-2", async () => {
    const r = await receiver([500, 200]);
    const delivery = await pendingDelivery(r.url);
    let sleptUntil: Date | null = null;
    const steps = [
      {
        id: "wait-1",
        handler: async () => {
          // The retry the first attempt scheduled, read before time "passes".
          const row = await db.delivery.findUniqueOrThrow({ where: { id: delivery.id } });
          sleptUntil = row.nextAttemptAt;
          return sleepUntilDue(delivery.id)();
        },
      },
    ];

    const { result, ctx, error } = await deliverRun(delivery).execute({ steps });

    expect(error).toBeUndefined();
    expect(result).toEqual({ status: "succeeded", attempt: 2 });
    expect(calls(ctx.step.run)).toEqual(["attempt-1", "attempt-2"]);
    expect(calls(ctx.step.sleepUntil)).toEqual(["wait-1"]);
    // It slept until the retry the webhook's policy chose (STANDARD: 5 s ± 10 %).
    expect(sleptUntil).not.toBeNull();
    const [, until] = ctx.step.sleepUntil.mock.calls[0]!;
    expect(new Date(until as Date).getTime()).toBe(sleptUntil!.getTime());
    expect(r.requests).toHaveLength(2);
    expect(r.requests.map((q) => q.headers["webhook-id"])).toEqual([delivery.id, delivery.id]);

    const attempts = await db.deliveryAttempt.findMany({
      where: { deliveryId: delivery.id },
      orderBy: { number: "asc" },
      select: { number: true, outcome: true, responseStatus: true, errorClass: true },
    });
    expect(attempts).toEqual([
      { number: 1, outcome: "retry", responseStatus: 500, errorClass: "HTTP_5XX" },
      { number: 2, outcome: "succeeded", responseStatus: 200, errorClass: null },
    ]);
    const stored = await db.delivery.findUniqueOrThrow({ where: { id: delivery.id } });
    expect(stored.status).toBe("SUCCEEDED");
  });

  it("waits for a delivery that is not due yet instead of attempting it early", async () => {
    const r = await receiver([200]);
    const delivery = await pendingDelivery(r.url);
    const later = new Date(Date.now() + 60 * 60_000);
    await db.delivery.update({ where: { id: delivery.id }, data: { nextAttemptAt: later } });

    const { result, ctx } = await deliverRun(delivery).execute({
      steps: [{ id: "wait-1", handler: sleepUntilDue(delivery.id) }],
    });

    expect(result).toEqual({ status: "succeeded", attempt: 1 });
    expect(calls(ctx.step.run)).toEqual(["attempt-1", "attempt-2"]);
    const [, until] = ctx.step.sleepUntil.mock.calls[0]!;
    expect(new Date(until as Date).getTime()).toBe(later.getTime());
    expect(r.requests).toHaveLength(1);
  });

  it("returns skipped for a terminal delivery and sends nothing", async () => {
    const r = await receiver([200]);
    const delivery = await pendingDelivery(r.url);
    await db.delivery.update({
      where: { id: delivery.id },
      data: { status: "SUCCEEDED", nextAttemptAt: null, completedAt: new Date() },
    });

    const { result, ctx } = await deliverRun(delivery).execute({ steps: [] });

    expect(result).toEqual({ status: "skipped" });
    expect(calls(ctx.step.run)).toEqual(["attempt-1"]);
    expect(ctx.step.sleepUntil).not.toHaveBeenCalled();
    expect(r.requests).toHaveLength(0);
    expect(await db.deliveryAttempt.count()).toBe(0);
  });

  it("returns failed without sleeping when the policy allows no retry", async () => {
    const r = await receiver([500]);
    const delivery = await pendingDelivery(r.url, { retryPolicy: "NONE" });

    const { result, ctx } = await deliverRun(delivery).execute({ steps: [] });

    expect(result).toEqual({ status: "failed", attempt: 1 });
    expect(ctx.step.sleepUntil).not.toHaveBeenCalled();
    expect(r.requests).toHaveLength(1);
  });
});

describe("sweepOverdueDeliveries", () => {
  /** A fresh engine for one sweep; the send step is mocked so nothing leaves the process. */
  function sweep() {
    return new InngestTestEngine({ function: sweepOverdueDeliveries }).execute({
      steps: [{ id: "redispatch", handler: () => ({ ids: [] }) }],
    });
  }

  it("re-sends overdue pending deliveries with ids <deliveryId>:<attemptCount>", async () => {
    const r = await receiver([200]);
    const overdueA = await pendingDelivery(r.url);
    const overdueB = await pendingDelivery(r.url);
    const dueNow = await pendingDelivery(r.url);
    const finished = await pendingDelivery(r.url);
    const longAgo = new Date(Date.now() - 10 * 60_000);
    await db.delivery.update({
      where: { id: overdueA.id },
      data: { nextAttemptAt: longAgo },
    });
    await db.delivery.update({
      where: { id: overdueB.id },
      data: { nextAttemptAt: new Date(longAgo.getTime() + 60_000), attemptCount: 3 },
    });
    // Due a moment ago: the dispatcher's own event is still on its way, not lost.
    await db.delivery.update({
      where: { id: dueNow.id },
      data: { nextAttemptAt: new Date(Date.now() - 30_000) },
    });
    await db.delivery.update({
      where: { id: finished.id },
      data: { status: "FAILED", nextAttemptAt: longAgo, attemptCount: 11 },
    });

    const { result, ctx, error } = await sweep();

    expect(error).toBeUndefined();
    expect(result).toEqual({ redispatched: 2, timersFired: 0 });
    expect(ctx.step.sendEvent).toHaveBeenCalledTimes(1);
    expect(ctx.step.sendEvent).toHaveBeenCalledWith("redispatch", [
      {
        id: `${overdueA.id}:0`,
        name: DELIVERY_REQUESTED,
        data: { deliveryId: overdueA.id, webhookId: overdueA.webhookId },
      },
      {
        id: `${overdueB.id}:3`,
        name: DELIVERY_REQUESTED,
        data: { deliveryId: overdueB.id, webhookId: overdueB.webhookId },
      },
    ]);
    expect(r.requests).toHaveLength(0); // the sweep only re-sends events
  });

  it("sends nothing when no delivery is overdue", async () => {
    const r = await receiver([200]);
    await pendingDelivery(r.url);

    const { result, ctx } = await sweep();

    expect(result).toEqual({ redispatched: 0, timersFired: 0 });
    expect(calls(ctx.step.run)).toEqual(["fire-overdue-timers", "find-overdue"]);
    expect(ctx.step.sendEvent).not.toHaveBeenCalled();
  });

  it("fires time-based timers whose own run was lost, and sends their deliveries", async () => {
    const timerFor = async (name: string, dueAgoMs: number) => {
      const { id } = await createWebhook(
        owner,
        createWebhookSchema.parse({
          ...baseWebhook,
          name,
          url: "http://127.0.0.1:9/hook",
          eventType: "chat.not_assigned",
          threshold: 10,
        }),
      );
      const { eventId } = await ingestEvent(
        owner.organizationId,
        { type: "chat.opened", data: sampleData("chat.opened") },
        "api",
      );
      await db.eventTimer.updateMany({
        where: { webhookId: id, openingEventId: eventId },
        data: { dueAt: new Date(Date.now() - dueAgoMs) },
      });
      return id;
    };
    const lost = await timerFor("Lost", 10 * 60_000);
    // Due a moment ago: its own run is still firing it.
    const inFlight = await timerFor("In flight", 30_000);

    const { result, ctx } = await sweep();

    expect(result).toEqual({ redispatched: 0, timersFired: 1 });
    const [fired] = await db.delivery.findMany({ where: { webhookId: lost } });
    expect(fired).toMatchObject({ eventType: "chat.not_assigned", status: "PENDING" });
    expect(ctx.step.sendEvent).toHaveBeenCalledWith("redispatch", [
      {
        id: `${fired!.id}:0`,
        name: DELIVERY_REQUESTED,
        data: { deliveryId: fired!.id, webhookId: lost },
      },
    ]);
    expect(await db.eventTimer.findFirstOrThrow({ where: { webhookId: inFlight } })).toMatchObject({
      state: "PENDING",
    });
  });
});
