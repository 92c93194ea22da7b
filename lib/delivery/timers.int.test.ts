import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { EmbeddedWorker } from "@/lib/delivery/embedded-worker";
import { closeOutboundAgents } from "@/lib/outbound/guarded-send";
import { fireDueTimers, fireTimer } from "@/lib/delivery/timers";
import type { EventTypeKey } from "@/lib/events/catalog";
import { TestClock } from "@/lib/testing/clock";
import { resetDatabase } from "@/lib/testing/db";
import {
  createTestOwner,
  createTestWebhook,
  ingestTestEvent,
  testEventData,
} from "@/lib/testing/fixtures";
import { startReceiver, type Receiver } from "@/lib/testing/receiver";
import { waitFor } from "@/lib/testing/wait-for";
import type { WebhookFormValues } from "@/lib/webhooks/schemas";

// Time-based events on the embedded engine: real ingest, real timers in PostgreSQL, real
// workers delivering to a real receiver. Deadlines pass by moving a clock (fireDueTimers'
// `now`, or the workers' TestClock), never by waiting for them.

const SECOND = 1000;

let actor: Actor;
let orgId: string;
let r: Receiver;
const workers: EmbeddedWorker[] = [];

beforeEach(async () => {
  await resetDatabase();
  ({
    actor,
    org: { id: orgId },
  } = await createTestOwner());
  r = await startReceiver();
});

afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop()));
  await r.close();
});

afterAll(async () => {
  await closeOutboundAgents();
  await db.$disconnect();
});

/** A worker whose clock is `aheadMs` in the future. */
function startWorker(aheadMs: number) {
  const clock = new TestClock();
  clock.advance(aheadMs);
  const worker = new EmbeddedWorker({ pollMs: 50, clock });
  workers.push(worker);
  worker.start();
  return worker;
}

/** "Chat not assigned within 30 seconds" to the receiver. */
function notAssignedWebhook(overrides: Partial<WebhookFormValues> = {}) {
  return createTestWebhook(actor, {
    eventType: "chat.not_assigned",
    threshold: 30,
    url: `${r.url}/hooks`,
    payloadTemplate: '{"type": "{{event.type}}", "session": "{{chat.session_id}}"}',
    ...overrides,
  });
}

const chatEvent = (type: EventTypeKey, sessionId: string) =>
  ingestTestEvent(orgId, { type, patch: { chat: { session_id: sessionId } } });

const offlineEvent = (type: EventTypeKey, id: string) =>
  ingestTestEvent(orgId, { type, patch: { offline_message: { id } } });

const inFuture = (ms: number) => new Date(Date.now() + ms);
const fired = (now: Date) => fireDueTimers(now, 100);

describe("Chat not assigned within N seconds (embedded worker)", () => {
  it("fires after N seconds when unassigned: the opening data, the time-based type", async () => {
    const { id: webhookId } = await notAssignedWebhook();
    const opened = await chatEvent("chat.opened", "S-1");
    expect(opened.deliveries).toEqual([]);
    expect(opened.timers).toHaveLength(1);

    // Not before the deadline.
    expect(await fired(inFuture(25 * SECOND))).toEqual([]);
    startWorker(31 * SECOND);

    const [request] = await r.waitForRequests(1, 5_000);
    expect(JSON.parse(request!.body)).toEqual({ type: "chat.not_assigned", session: "S-1" });
    const event = await db.event.findFirstOrThrow({ where: { type: "chat.not_assigned" } });
    const opening = await db.event.findUniqueOrThrow({ where: { id: opened.eventId } });
    expect(event).toMatchObject({ organizationId: orgId, chatId: "S-1", source: "timer" });
    expect(event.data).toEqual(opening.data);
    const timer = await db.eventTimer.findFirstOrThrow({ where: { webhookId } });
    expect(timer).toMatchObject({ state: "FIRED", firedEventId: event.id });
  });

  it.each(["chat.assigned", "chat.closed"] as const)(
    "does not fire when %s arrives in time",
    async (answer) => {
      await notAssignedWebhook();
      await chatEvent("chat.opened", "S-1");
      const answered = await chatEvent(answer, "S-1");

      expect(answered.answered).toEqual([`${orgId}:chat.not_assigned:S-1`]);
      expect(await fired(inFuture(60 * 60 * SECOND))).toEqual([]);
      expect(await db.eventTimer.findFirstOrThrow()).toMatchObject({ state: "CANCELLED" });
    },
  );

  it("leaves other chats alone: only the unassigned one fires", async () => {
    await notAssignedWebhook();
    await chatEvent("chat.opened", "S-1");
    await chatEvent("chat.opened", "S-2");
    await chatEvent("chat.assigned", "S-1");

    expect(await fired(inFuture(31 * SECOND))).toHaveLength(1);
    const events = await db.event.findMany({ where: { type: "chat.not_assigned" } });
    expect(events.map((e) => e.chatId)).toEqual(["S-2"]);
  });

  it("gives each webhook its own deadline", async () => {
    const fast = await notAssignedWebhook({ threshold: 10 });
    await notAssignedWebhook({ threshold: 60 });
    await chatEvent("chat.opened", "S-1");

    const first = await fired(inFuture(11 * SECOND));
    expect(first.map((d) => d.webhookId)).toEqual([fast.id]);
    expect(await fired(inFuture(61 * SECOND))).toHaveLength(1);
  });

  it("fires at most once per chat: processed twice, by two workers, or reopened", async () => {
    await notAssignedWebhook();
    for (let i = 0; i < 20; i++) await chatEvent("chat.opened", `S-${i}`);
    // The same chat opened again does not start a second timer.
    expect((await chatEvent("chat.opened", "S-0")).timers).toEqual([]);

    startWorker(31 * SECOND);
    startWorker(31 * SECOND);
    await waitFor(async () => (await db.eventTimer.count({ where: { state: "FIRED" } })) === 20, {
      timeoutMs: 10_000,
      message: "20 timers fired",
    });
    await r.waitForRequests(20, 10_000);
    await Promise.all(workers.splice(0).map((w) => w.stop()));

    const timer = await db.eventTimer.findFirstOrThrow();
    expect(await fireTimer(timer.id, inFuture(31 * SECOND))).toBeNull();
    expect(await fired(inFuture(60 * 60 * SECOND))).toEqual([]);
    expect(r.requests).toHaveLength(20);
    expect(await db.event.count({ where: { type: "chat.not_assigned" } })).toBe(20);
    const sessions = r.requests.map((q) => (JSON.parse(q.body) as { session: string }).session);
    expect(new Set(sessions).size).toBe(20);
  });

  it("applies the webhook's conditions to the opening event", async () => {
    await notAssignedWebhook({
      conditions: [{ rules: [{ token: "customer.country", operator: "equals", value: "Peru" }] }],
    });
    expect((await chatEvent("chat.opened", "S-1")).timers).toEqual([]);
    const peru = await ingestTestEvent(orgId, {
      type: "chat.opened",
      patch: { chat: { session_id: "S-2" }, customer: { country: "Peru" } },
    });
    expect(peru.timers).toHaveLength(1);
  });

  it("is not fired for a webhook disabled before the deadline", async () => {
    const { id } = await notAssignedWebhook();
    await chatEvent("chat.opened", "S-1");
    await db.webhook.update({ where: { id }, data: { enabled: false } });

    expect(await fired(inFuture(31 * SECOND))).toEqual([]);
    expect(await db.eventTimer.findFirstOrThrow()).toMatchObject({ state: "CANCELLED" });
  });
});

describe("Offline message not answered within N minutes (embedded)", () => {
  const offlineWebhook = () =>
    createTestWebhook(actor, {
      eventType: "offline_message.not_answered",
      threshold: 2,
      url: `${r.url}/hooks`,
      payloadTemplate: '{"type": "{{event.type}}", "message": "{{offline_message.id}}"}',
    });

  it("fires after N minutes when unanswered, and not when answered in time", async () => {
    const { id: webhookId } = await offlineWebhook();
    expect(
      (await db.webhook.findUniqueOrThrow({ where: { id: webhookId } })).thresholdSeconds,
    ).toBe(120);
    await offlineEvent("offline_message.created", "OM-1");
    await offlineEvent("offline_message.created", "OM-2");
    await offlineEvent("offline_message.answered", "OM-2");

    expect(await fired(inFuture(119 * SECOND))).toEqual([]);
    expect(await fired(inFuture(121 * SECOND))).toHaveLength(1);
    const event = await db.event.findFirstOrThrow({
      where: { type: "offline_message.not_answered" },
    });
    expect(event.data).toEqual(
      testEventData("offline_message.created", {
        offline_message: { id: "OM-1" },
      }),
    );
  });
});
