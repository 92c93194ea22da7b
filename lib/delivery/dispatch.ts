import "server-only";
import { embeddedWorker } from "@/lib/delivery/embedded-worker";
import { deliveryEngine } from "@/lib/env";
import { inngest, DELIVERY_REQUESTED } from "@/lib/inngest/client";

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
