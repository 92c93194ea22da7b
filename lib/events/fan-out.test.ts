import { describe, expect, it } from "vitest";
import { summarizeFanOut } from "@/lib/events/fan-out";

describe("summarizeFanOut", () => {
  it("counts deliveries, skipped webhooks and timers, singular and plural", () => {
    expect(summarizeFanOut({ deliveryIds: ["d"], skipped: ["w"], timers: ["t"] })).toBe(
      "1 delivery, 1 webhook skipped by its conditions, 1 timer started",
    );
    expect(summarizeFanOut({ deliveryIds: ["a", "b"], skipped: ["x", "y"], timers: [] })).toBe(
      "2 deliveries, 2 webhooks skipped by their conditions",
    );
    expect(summarizeFanOut({ deliveryIds: [], skipped: [], timers: ["t", "u"] })).toBe(
      "2 timers started",
    );
  });

  it("says so when nothing listens", () => {
    expect(summarizeFanOut({ deliveryIds: [], skipped: [], timers: [] })).toBe(
      "No enabled webhook listens to this event type, so nothing was delivered",
    );
  });
});
