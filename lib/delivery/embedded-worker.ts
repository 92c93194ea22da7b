import "server-only";
import { describeDatabaseError, isDatabaseUnavailable } from "@/lib/db/unavailable";
import { attemptClaimed, type Clock } from "@/lib/delivery/attempt";
import { claimDueDeliveries, nextDueAt, type ClaimedDelivery } from "@/lib/delivery/claim";
import { fireDueTimers, nextTimerDueAt } from "@/lib/delivery/timers";
import { logger } from "@/lib/log";

// The delivery engine when no Inngest is configured: an in-process worker that claims due
// deliveries (FOR UPDATE SKIP LOCKED, with a lease a crashed process gives up by expiry),
// runs attemptClaimed with bounded concurrency (at most WEBHOOK_CONCURRENCY per webhook, so a
// receiver that hangs cannot hold every slot), is woken at once after each ingest and at the
// due time of each retry it scheduled for the next minute, and otherwise sleeps until the next
// retry or time-based timer is due (at most pollMs). Due timers are fired after each claim,
// and the deliveries they make claimed by the next tick at once.

/** The longest the worker waits between tries while the database is unreachable. */
const MAX_BACKOFF_MS = 5_000;

export type WorkerOptions = {
  concurrency?: number;
  batch?: number;
  pollMs?: number;
  leaseMs?: number;
  clock?: Clock;
};

export class EmbeddedWorker {
  private readonly concurrency: number;
  private readonly batch: number;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly clock: Clock;
  private inFlight = new Set<Promise<unknown>>();
  /** Attempts under way, by webhook id (for the per-webhook limit). */
  private running = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  /** Due times (epoch ms, rounded up to 100 ms) of retries scheduled here, within a minute. */
  private retriesDue = new Set<number>();
  private retryTimer: NodeJS.Timeout | undefined;
  private ticker: Promise<void> | undefined;
  private ticking = false;
  private again = false;
  private wakePending = false;
  private stopped = true;
  /** Ticks in a row that could not reach the database (an outage): the backoff grows. */
  private failures = 0;

  constructor(options: WorkerOptions = {}) {
    this.concurrency = options.concurrency ?? 64;
    this.batch = options.batch ?? 64;
    this.pollMs = options.pollMs ?? 1_000;
    // Longer than the longest attempt (30 s timeout) so a live claim is never taken twice.
    this.leaseMs = options.leaseMs ?? 60_000;
    this.clock = options.clock ?? { now: () => new Date() };
  }

  start() {
    if (!this.stopped) return;
    this.stopped = false;
    this.wake();
  }

  /** Look for due deliveries now (called after each ingest). */
  wake() {
    if (this.stopped) return;
    if (this.ticking) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.ticker = this.tick();
  }

  /** Attempts under way in this process now (a metric). */
  get inFlightCount() {
    return this.inFlight.size;
  }

  /** Stops claiming and waits for the attempts under way. */
  async stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    clearTimeout(this.retryTimer);
    // A claim already sent to the database runs what it claimed: wait for it, then for them.
    await this.ticker;
    await Promise.allSettled([...this.inFlight]);
  }

  private async tick() {
    this.ticking = true;
    try {
      while (!this.stopped) {
        const free = this.concurrency - this.inFlight.size;
        if (free <= 0) break;
        const claimed = await claimDueDeliveries(
          Math.min(free, this.batch),
          this.clock.now(),
          this.leaseMs,
          this.running,
        );
        for (const delivery of claimed) this.run(delivery);
        if (claimed.length < Math.min(free, this.batch)) break;
      }
      // A fired timer's delivery is due now: tick again at once to claim it.
      if (!this.stopped && (await fireDueTimers(this.clock.now(), this.batch)).length)
        this.again = true;
      if (this.failures > 0) {
        logger("worker").info("the database answers again; claiming resumed");
        this.failures = 0;
      }
    } catch (error) {
      this.failures++;
      this.reportFailure(error);
    } finally {
      this.ticking = false;
    }
    if (this.stopped) return;
    if (this.failures > 0) {
      // Backs off while the database is unreachable: pollMs, doubling, at most 5 s.
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.wake(), this.backoffMs());
      return;
    }
    if (this.again) {
      this.again = false;
      return this.wake();
    }
    await this.sleep();
  }

  private backoffMs() {
    return Math.min(this.pollMs * 2 ** (this.failures - 1), MAX_BACKOFF_MS);
  }

  /** An outage is one line per try (its stack says nothing); anything else, the whole error. */
  private reportFailure(error: unknown) {
    const log = logger("worker");
    if (!isDatabaseUnavailable(error)) {
      log.error({ err: error }, "could not fire timers or claim deliveries");
      return;
    }
    log.error(
      `the database is unavailable (${describeDatabaseError(error)}); trying again in ${this.backoffMs() / 1000} s`,
    );
  }

  private run(delivery: ClaimedDelivery) {
    const { webhookId } = delivery;
    this.running.set(webhookId, (this.running.get(webhookId) ?? 0) + 1);
    const job = attemptClaimed(delivery, this.clock)
      .then((result) => {
        if (result.status === "retry") this.wakeForRetry(result.nextAttemptAt);
      })
      .catch((error: unknown) =>
        logger("worker").error(
          { err: error, deliveryId: delivery.id, organizationId: delivery.organizationId },
          "attempt could not be run or recorded",
        ),
      )
      .finally(() => {
        this.inFlight.delete(job);
        const left = this.running.get(webhookId)! - 1;
        if (left > 0) this.running.set(webhookId, left);
        else this.running.delete(webhookId);
        this.wakeSoon();
      });
    this.inFlight.add(job);
  }

  /**
   * Wakes when a retry scheduled here is due. While attempts run the worker only polls each
   * pollMs, which would make a 5 s retry up to 20% late; retries a minute or more away are
   * left to that poll (1 s on a minute or more).
   */
  private wakeForRetry(at: Date) {
    const due = Math.ceil(at.getTime() / 100) * 100;
    if (due - this.clock.now().getTime() > 60_000) return;
    this.retriesDue.add(due);
    this.armRetryTimer();
  }

  private armRetryTimer() {
    clearTimeout(this.retryTimer);
    if (this.stopped || this.retriesDue.size === 0) return;
    const next = Math.min(...this.retriesDue);
    this.retryTimer = setTimeout(
      () => {
        const now = Math.max(next, this.clock.now().getTime());
        for (const due of this.retriesDue) if (due <= now) this.retriesDue.delete(due);
        this.wake();
        this.armRetryTimer();
      },
      Math.max(0, next - this.clock.now().getTime()),
    );
  }

  /** Many attempts finishing together make one claim, not one each. */
  private wakeSoon() {
    if (this.wakePending) return;
    this.wakePending = true;
    setImmediate(() => {
      this.wakePending = false;
      this.wake();
    });
  }

  /** Sleeps until the next pending delivery or timer is due, at most pollMs. */
  private async sleep() {
    let wait = this.pollMs;
    // Busy: finishing attempts wake the worker; only an idle worker asks when work is due.
    if (this.inFlight.size > 0) {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.wake(), wait);
      return;
    }
    try {
      const now = this.clock.now();
      const due = earliest(await Promise.all([nextDueAt(now), nextTimerDueAt()]));
      // The floor keeps a due-but-unclaimable row (all slots busy) from spinning the loop.
      if (due) wait = Math.max(20, Math.min(wait, due.getTime() - now.getTime()));
    } catch {
      // keep the default poll
    }
    if (this.stopped || this.ticking) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.wake(), wait);
  }
}

function earliest(dates: (Date | null)[]): Date | null {
  const times = dates.filter((d) => d !== null).map((d) => d.getTime());
  return times.length ? new Date(Math.min(...times)) : null;
}

const holder = globalThis as unknown as { embeddedWorker?: EmbeddedWorker };

/** This process's embedded worker (one per process, whatever the module instance). */
export function embeddedWorker(): EmbeddedWorker {
  holder.embeddedWorker ??= new EmbeddedWorker();
  return holder.embeddedWorker;
}
