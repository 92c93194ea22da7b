import "server-only";
import { embeddedWorker } from "@/lib/delivery/embedded-worker";
import { deliveryEngine } from "@/lib/env";
import type { IngestResult } from "@/lib/events/ingest";
import { inngest, DELIVERY_REQUESTED, TIMER_ANSWERED, TIMER_STARTED } from "@/lib/inngest/client";

/**
 * Hands new deliveries to the engine, after their transaction committed: one Inngest event per
 * delivery, or a wake-up of the embedded worker. Losing this call loses nothing — the
 * deliveries are due in PostgreSQL, and the sweeper (or the worker's poll) finds them.
 */
export async function dispatchDeliveries(
  deliveries: { id: string; webhookId: string }[],
): Promise<void> {
  if (deliveries.length === 0) return;
  if (deliveryEngine() === "inngest") {
    await inngest.send(
      deliveries.map((d) => ({
        name: DELIVERY_REQUESTED,
        data: { deliveryId: d.id, webhookId: d.webhookId },
      })),
    );
  } else {
    embeddedWorker().wake();
  }
}

/**
 * Dispatches what one or more ingests made: their deliveries, and on Inngest one event per
 * timer started (a run that waits for the answer) and per answer (which ends those waits). The
 * embedded worker needs only a wake-up: it reads timers from PostgreSQL.
 */
export async function dispatchIngested(...results: IngestResult[]): Promise<void> {
  await dispatchDeliveries(results.flatMap((r) => r.deliveries));
  const timers = results.flatMap((r) => r.timers);
  if (deliveryEngine() !== "inngest") {
    if (timers.length) embeddedWorker().wake();
    return;
  }
  const events = [
    ...timers.map((t) => ({
      name: TIMER_STARTED,
      data: { timerId: t.id, matchKey: t.matchKey, dueAt: t.dueAt.toISOString() },
    })),
    ...results
      .flatMap((r) => r.answered)
      .map((matchKey) => ({ name: TIMER_ANSWERED, data: { matchKey } })),
  ];
  if (events.length) await inngest.send(events);
}
