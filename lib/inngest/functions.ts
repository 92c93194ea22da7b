import "server-only";
import { attemptDelivery } from "@/lib/delivery/attempt";
import { overdueDeliveries } from "@/lib/delivery/claim";
import { inngest, DELIVERY_REQUESTED } from "@/lib/inngest/client";
import { purgeExpired } from "@/lib/retention/purge";

// The Inngest engine: the same attemptDelivery as the embedded worker, run as durable steps.

/** Per-webhook concurrency: a slow receiver cannot hold every run. */
export const WEBHOOK_CONCURRENCY = 10;
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
    const overdue = await step.run("find-overdue", () =>
      overdueDeliveries(new Date(Date.now() - 2 * 60_000), 500),
    );
    if (overdue.length === 0) return { redispatched: 0 };
    // The event id makes a second sweep of the same attempt a no-op on Inngest's side.
    await step.sendEvent(
      "redispatch",
      overdue.map((d) => ({
        id: `${d.id}:${d.attemptCount}`,
        name: DELIVERY_REQUESTED,
        data: { deliveryId: d.id, webhookId: d.webhookId },
      })),
    );
    return { redispatched: overdue.length };
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

export const functions = [deliverWebhook, sweepOverdueDeliveries, purgeExpiredData];
