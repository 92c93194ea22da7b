import { randomUUID } from "node:crypto";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { claimScheduledRun } from "@/lib/db/scheduled-run";
import { captureLogs } from "@/lib/log";
import { createHistory, DAY_MS } from "@/lib/testing/history";
import { RetentionTimer } from "@/lib/retention/schedule";
import { resetDatabase } from "@/lib/testing/db";
import { createTestOwner, createTestWebhook } from "@/lib/testing/fixtures";
import { waitFor } from "@/lib/testing/wait-for";

// The embedded engine's retention timer. Time is either real and short (waitFor, no sleeps)
// or vitest's fake clock, advanced by hand to show what an hour-long run does to the next one.

const timers: RetentionTimer[] = [];
/** Runs of controlled purges not yet finished by their test; finished before stopping. */
const unfinished: (() => void)[][] = [];

/** A timer that is stopped after the test. */
function timer(options: ConstructorParameters<typeof RetentionTimer>[0]) {
  const t = new RetentionTimer(options);
  timers.push(t);
  return t;
}

/** A purge the test finishes by hand, counting calls and the most running at once. */
function controlledPurge() {
  const state = { calls: 0, running: 0, maxRunning: 0, finish: [] as (() => void)[] };
  unfinished.push(state.finish);
  const purge = async () => {
    state.calls++;
    state.running++;
    state.maxRunning = Math.max(state.maxRunning, state.running);
    await new Promise<void>((resolve) => state.finish.push(resolve));
    state.running--;
  };
  return { state, purge };
}

let stopCapture = () => {};

afterEach(async () => {
  stopCapture();
  vi.useRealTimers();
  vi.restoreAllMocks();
  for (const finish of unfinished.splice(0)) for (const done of finish.splice(0)) done();
  await Promise.all(timers.splice(0).map((t) => t.stop()));
});

afterAll(async () => {
  await resetDatabase();
});

describe("RetentionTimer", () => {
  it("runs the real purge on its own: expired rows disappear", async () => {
    await resetDatabase();
    const { org, actor } = await createTestOwner();
    await db.organization.update({ where: { id: org.id }, data: { retentionDays: 1 } });
    const { id: webhookId } = await createTestWebhook(actor);
    const old = new Date(Date.now() - 2 * DAY_MS);
    const expired = await createHistory({ organizationId: org.id, webhookId, at: old });
    const fresh = await createHistory({ organizationId: org.id, webhookId, at: new Date() });

    timer({ firstRunMs: 1, intervalMs: 60_000 }).start();

    // Attempts go first, their delivery in a later statement of the same run: wait for both.
    await waitFor(
      async () =>
        (await db.deliveryAttempt.count({ where: { id: expired.attemptIds[0] } })) === 0 &&
        (await db.delivery.count({ where: { id: expired.deliveryId } })) === 0,
      { message: "the expired attempt and its delivery to be purged" },
    );
    expect(await db.deliveryAttempt.count({ where: { id: fresh.attemptIds[0] } })).toBe(1);
  });

  it("runs again every interval after the first run", async () => {
    const calls: number[] = [];
    timer({
      firstRunMs: 1,
      intervalMs: 5,
      purge: async () => {
        calls.push(Date.now());
      },
    }).start();

    await waitFor(() => calls.length >= 3, { message: "three runs" });
  });

  it("waits firstRunMs before the first run, then intervalMs between runs", async () => {
    vi.useFakeTimers();
    const { state, purge } = controlledPurge();
    timer({ firstRunMs: 60_000, intervalMs: 3_600_000, purge }).start();

    await vi.advanceTimersByTimeAsync(59_999);
    expect(state.calls).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(state.calls).toBe(1);

    state.finish.shift()!();
    await vi.advanceTimersByTimeAsync(3_599_999);
    expect(state.calls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(state.calls).toBe(2);
  });

  it("never overlaps runs: a run that outlasts the interval delays the next one", async () => {
    vi.useFakeTimers();
    const { state, purge } = controlledPurge();
    const t = timer({ firstRunMs: 1_000, intervalMs: 1_000, purge });
    t.start();

    await vi.advanceTimersByTimeAsync(1_000);
    expect(state.calls).toBe(1);
    // Ten intervals pass while the first run is still deleting.
    await vi.advanceTimersByTimeAsync(10_000);
    // Asking for a run meanwhile joins the one under way.
    const joined = t.runNow();
    expect(state.calls).toBe(1);

    state.finish.shift()!();
    await joined;
    expect(state.calls).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(state.calls).toBe(2);
    expect(state.maxRunning).toBe(1);
  });

  it("logs a failed run instead of throwing, and runs again at the next interval", async () => {
    vi.useFakeTimers();
    const logged: Record<string, unknown>[] = [];
    stopCapture = captureLogs(logged);
    let calls = 0;
    const t = timer({
      firstRunMs: 10,
      intervalMs: 10,
      purge: async () => {
        calls++;
        if (calls === 1) throw new Error("database unreachable");
      },
    });
    t.start();

    await vi.advanceTimersByTimeAsync(10);
    expect(calls).toBe(1);
    expect(logged).toContainEqual(
      expect.objectContaining({
        level: "error",
        area: "retention",
        msg: "purge failed; the next run tries again",
        err: expect.objectContaining({ message: "database unreachable" }),
      }),
    );
    await vi.advanceTimersByTimeAsync(10);
    expect(calls).toBe(2);
    await expect(t.runNow()).resolves.toBeUndefined();
  });

  it("does not keep the process alive while it waits", () => {
    const before = process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
    timer({ firstRunMs: 60_000, intervalMs: 60_000, purge: async () => {} }).start();
    const after = process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
    expect(after).toBe(before);
  });

  it("stops scheduling runs after stop()", async () => {
    vi.useFakeTimers();
    const { state, purge } = controlledPurge();
    const t = timer({ firstRunMs: 10, intervalMs: 10, purge });
    t.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(state.calls).toBe(1);

    const stopped = t.stop();
    state.finish.shift()!();
    await stopped;
    await vi.advanceTimersByTimeAsync(1_000);

    expect(state.calls).toBe(1);
  });
});

describe("one purge a period across processes", () => {
  it("three processes' timers due together: one claims the period and purges", async () => {
    const job = `purge-${randomUUID()}`;
    let claims = 0;
    let purges = 0;
    for (let i = 0; i < 3; i++)
      timer({
        firstRunMs: 1,
        intervalMs: 60_000,
        claim: async (now, everyMs) => {
          claims++;
          return claimScheduledRun(job, now, everyMs);
        },
        purge: async () => {
          purges++;
        },
      }).start();

    await waitFor(() => claims === 3, { message: "each timer's claim" });
    await waitFor(() => purges === 1, { message: "the purge of the one that claimed" });
    expect({ claims, purges }).toEqual({ claims: 3, purges: 1 });
  });

  it("a period is claimed once; the next one (90% of the interval later) again", async () => {
    const job = `purge-${randomUUID()}`;
    const t0 = new Date();
    const at = (ms: number) => new Date(t0.getTime() + ms);
    const together = await Promise.all([0, 1, 2, 3].map(() => claimScheduledRun(job, t0, 1_000)));
    expect(together.filter(Boolean)).toHaveLength(1);
    expect(await claimScheduledRun(job, at(500), 1_000)).toBe(false);
    expect(await claimScheduledRun(job, at(900), 1_000)).toBe(true);
    expect(await claimScheduledRun(job, at(1_000), 1_000)).toBe(false);
  });
});
