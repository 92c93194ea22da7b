// The one-line summary of what an event's fan-out did, shown by the Event simulator.

type FanOutCounts = {
  deliveryIds: readonly unknown[];
  skipped: readonly unknown[];
  timers: readonly unknown[];
};

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "2 deliveries, 1 webhook skipped by its conditions, 1 timer started". */
export function summarizeFanOut({ deliveryIds, skipped, timers }: FanOutCounts): string {
  const parts = [
    deliveryIds.length > 0 && count(deliveryIds.length, "delivery", "deliveries"),
    skipped.length > 0 &&
      `${count(skipped.length, "webhook", "webhooks")} skipped by ${skipped.length === 1 ? "its" : "their"} conditions`,
    timers.length > 0 && count(timers.length, "timer started", "timers started"),
  ].filter(Boolean);
  return parts.length > 0
    ? parts.join(", ")
    : "No enabled webhook listens to this event type, so nothing was delivered";
}
