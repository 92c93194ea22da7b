import "server-only";
import { attemptDelivery } from "@/lib/delivery/attempt";
import { overdueDeliveries, WEBHOOK_CONCURRENCY } from "@/lib/delivery/claim";
import { fireDueTimers, fireTimer } from "@/lib/delivery/timers";
import { inngest, DELIVERY_REQUESTED, TIMER_ANSWERED, TIMER_STARTED } from "@/lib/inngest/client";
import { purgeExpired } from "@/lib/retention/purge";

// The Inngest engine: the same attemptDelivery as the embedded worker, run as durable steps.

/** A delivery never needs more loops than attempts (11 at most) plus early wake-ups. */
const MAX_STEPS = 20;

/** Attempts a delivery, sleeping until each retry is due, until it is terminal. */
export const deliverWebhook = inngest.createFunction(
  {
    id: "deliver-webhook",
    name: "Deliver a webhook",
    triggers: [{ event: DELIVERY_REQUESTED }],
    concurrency: { key: "event.data.webhookId", limit: WEBHOOK_CONCURRENCY },
    // Retries here cover infrastructure errors (database unreachable); delivery retries are
    // the webhook's own policy, below.
    retries: 3,
  },
  async ({ event, step }) => {
    const deliveryId = String(event.data.deliveryId);
    for (let i = 1; i <= MAX_STEPS; i++) {
      const result = await step.run(`attempt-${i}`, () => attemptDelivery(deliveryId));
      if (result.status !== "retry" && result.status !== "not_due") return result;
      await step.sleepUntil(`wait-${i}`, new Date(result.nextAttemptAt));
    }
    return { status: "gave-up-looping" };
  },
);

/** Re-dispatches deliveries whose attempt is overdue (a lost event or a crashed run). */
export const sweepOverdueDeliveries = inngest.createFunction(
  {
    id: "sweep-overdue-deliveries",
    name: "Re-dispatch overdue deliveries",
    triggers: [{ cron: "* * * * *" }],
  },
  async ({ step }) => {
    const cutoff = new Date(Date.now() - 2 * 60_000);
    // Timers whose own run was lost (its timer.started event never arrived) fire here.
    const fired = await step.run("fire-overdue-timers", () =>
      fireDueTimers(new Date(), 500, cutoff),
    );
    const overdue = await step.run("find-overdue", () => overdueDeliveries(cutoff, 500));
    const due = [...fired.map((d) => ({ ...d, attemptCount: 0 })), ...overdue];
    if (due.length === 0) return { redispatched: 0, timersFired: 0 };
    // The event id makes a second sweep of the same attempt a no-op on Inngest's side.
    await step.sendEvent(
      "redispatch",
      due.map((d) => ({
        id: `${d.id}:${d.attemptCount}`,
        name: DELIVERY_REQUESTED,
        data: { deliveryId: d.id, webhookId: d.webhookId },
      })),
    );
    return { redispatched: overdue.length, timersFired: fired.length };
  },
);

/** Hourly retention purge on Inngest; the embedded engine runs lib/retention/schedule.ts instead. */
export const purgeExpiredData = inngest.createFunction(
  {
    id: "purge-expired-data",
    name: "Purge data past its retention",
    triggers: [{ cron: "0 * * * *" }],
    // One run at a time: a slow purge is never joined by the next hour's.
    concurrency: { limit: 1 },
  },
  // Each batch commits on its own, so a retried step carries on where the last one stopped.
  async ({ step }) => step.run("purge", () => purgeExpired()),
);

/**
 * A time-based webhook's timer (lib/events/time-based.ts), started by its opening event: waits
 * for an answering event of the same chat or message until the deadline, and fires if none
 * came. The timer row stays the source of truth: an answer Inngest missed (sent before the
 * wait began) has already cancelled it, and a second run finds it fired — either way
 * fireTimer does nothing.
 */
export const fireTimeBasedEvent = inngest.createFunction(
  {
    id: "fire-time-based-event",
    name: "Fire a time-based event unless answered in time",
    triggers: [{ event: TIMER_STARTED }],
    retries: 3,
  },
  async ({ event, step }) => {
    const answer = await step.waitForEvent("wait-for-answer", {
      event: TIMER_ANSWERED,
      match: "data.matchKey",
      timeout: new Date(String(event.data.dueAt)),
    });
    if (answer) return { status: "answered" };
    const fired = await step.run("fire", () => fireTimer(String(event.data.timerId), new Date()));
    if (!fired) return { status: "not-pending" };
    await step.sendEvent("deliver", {
      name: DELIVERY_REQUESTED,
      data: { deliveryId: fired.id, webhookId: fired.webhookId },
    });
    return { status: "fired", deliveryId: fired.id };
  },
);

export const functions = [
  deliverWebhook,
  sweepOverdueDeliveries,
  purgeExpiredData,
  fireTimeBasedEvent,
];
