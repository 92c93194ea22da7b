import { InngestTestEngine, mockCtx } from "@inngest/test";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { StartedTimer } from "@/lib/events/ingest";
import { DELIVERY_REQUESTED, TIMER_ANSWERED, TIMER_STARTED } from "@/lib/inngest/client";
import { fireTimeBasedEvent } from "@/lib/inngest/functions";
import { resetDatabase } from "@/lib/testing/db";
import { createTestOwner, createTestWebhook, ingestTestEvent } from "@/lib/testing/fixtures";

// Time-based events on Inngest: fireTimeBasedEvent run by @inngest/test's engine against the
// real database. step.waitForEvent is mocked — null is the timeout (the deadline passed
// unanswered), an event is the answer — so no time passes; the delivery hand-off
// (step.sendEvent) is mocked by step id so nothing leaves the process.
//
// Why waitForEvent is mocked through transformCtx and not the `steps` option: with inngest 4.24
// and @inngest/test 1.0 a `steps` mock of waitForEvent always fails with "EventValidationError:
// Event not found in triggers: undefined" (the engine validates the mock's unresolved Promise;
// inngest/inngest-js#1652, fix in review as #1669). Switch to `steps` once that is released.

let actor: Actor;
let orgId: string;

beforeEach(async () => {
  await resetDatabase();
  ({
    actor,
    org: { id: orgId },
  } = await createTestOwner());
  await createTestWebhook(actor, { eventType: "chat.not_assigned", threshold: 30 });
});

afterAll(() => db.$disconnect());

/** Opens chat `sessionId`: the timer its chat.opened started. */
async function open(sessionId: string): Promise<StartedTimer> {
  const { timers } = await chatEvent("chat.opened", sessionId);
  expect(timers).toHaveLength(1);
  return timers[0]!;
}

const chatEvent = (type: "chat.opened" | "chat.assigned", sessionId: string) =>
  ingestTestEvent(orgId, { type, patch: { chat: { session_id: sessionId } } });

/** One run for the timer, as dispatchIngested triggers it, with the wait answered by `wait`. */
function run(timer: StartedTimer, wait: () => unknown) {
  return new InngestTestEngine({
    function: fireTimeBasedEvent,
    transformCtx: (ctx) => {
      const mocked = mockCtx(ctx);
      mocked.step.waitForEvent = vi.fn(async () => wait()) as typeof mocked.step.waitForEvent;
      return mocked;
    },
    events: [
      {
        name: TIMER_STARTED,
        data: { timerId: timer.id, matchKey: timer.matchKey, dueAt: timer.dueAt.toISOString() },
      },
    ],
  }).execute({
    steps: [{ id: "deliver", handler: () => ({ ids: [] }) }],
  });
}

const timeout = () => null;
const firedEvents = () => db.event.findMany({ where: { type: "chat.not_assigned" } });

describe("fireTimeBasedEvent", () => {
  it("waits for an answer of the same chat until the deadline", async () => {
    const timer = await open("S-1");
    const { ctx } = await run(timer, timeout);

    expect(ctx.step.waitForEvent).toHaveBeenCalledWith("wait-for-answer", {
      event: TIMER_ANSWERED,
      match: "data.matchKey",
      timeout: timer.dueAt,
    });
    // The answer ingest sends for the same chat carries the same match key.
    expect((await chatEvent("chat.assigned", "S-1")).answered).toEqual([timer.matchKey]);
    expect((await chatEvent("chat.assigned", "S-2")).answered).not.toContain(timer.matchKey);
  });

  it("fires when the wait times out: the event and its delivery, handed to the engine", async () => {
    const timer = await open("S-1");
    const { result, ctx, error } = await run(timer, timeout);

    expect(error).toBeUndefined();
    const delivery = await db.delivery.findFirstOrThrow({ include: { event: true } });
    expect(result).toEqual({ status: "fired", deliveryId: delivery.id });
    expect(delivery.event).toMatchObject({ type: "chat.not_assigned", chatId: "S-1" });
    expect(delivery.webhookId).toBe(timer.webhookId);
    expect(ctx.step.sendEvent).toHaveBeenCalledWith("deliver", {
      name: DELIVERY_REQUESTED,
      data: { deliveryId: delivery.id, webhookId: timer.webhookId },
    });
  });

  it("does not fire when the answer arrives in time", async () => {
    const timer = await open("S-1");
    const answer = { name: TIMER_ANSWERED, data: { matchKey: timer.matchKey } };
    const { result, ctx } = await run(timer, () => answer);

    expect(result).toEqual({ status: "answered" });
    expect(ctx.step.run).not.toHaveBeenCalled();
    expect(await firedEvents()).toEqual([]);
  });

  it("does not fire when the answer came before the wait began (the timer row decides)", async () => {
    const timer = await open("S-1");
    await chatEvent("chat.assigned", "S-1");
    const { result, ctx } = await run(timer, timeout);

    expect(result).toEqual({ status: "not-pending" });
    expect(ctx.step.sendEvent).not.toHaveBeenCalled();
    expect(await firedEvents()).toEqual([]);
  });

  it("fires once when run twice, and leaves other chats to their own timers", async () => {
    const first = await open("S-1");
    const other = await open("S-2");

    expect((await run(first, timeout)).result).toMatchObject({ status: "fired" });
    expect((await run(first, timeout)).result).toEqual({ status: "not-pending" });
    expect((await firedEvents()).map((e) => e.chatId)).toEqual(["S-1"]);
    expect(await db.eventTimer.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({
      state: "PENDING",
    });

    expect((await run(other, timeout)).result).toMatchObject({ status: "fired" });
    expect(await db.delivery.count()).toBe(2);
  });
});
