import "server-only";
import { plural } from "@/lib/format";
import { purgeExpired, type PurgeCounts } from "@/lib/retention/purge";

// The retention purge on the embedded engine: a timer in the app process (Inngest runs the
// same purgeExpired as an hourly cron function instead). Each run is scheduled when the last
// one has finished, so runs never overlap; several processes may each run it, since every
// batch deletes only rows still there.

export const PURGE_INTERVAL_MS = 60 * 60_000;
export const FIRST_PURGE_DELAY_MS = 60_000;

export type RetentionTimerOptions = {
  intervalMs?: number;
  /** Delay of the first run after start(), so it stays out of the way of startup. */
  firstRunMs?: number;
  purge?: () => Promise<PurgeCounts | void>;
};

export class RetentionTimer {
  private readonly intervalMs: number;
  private readonly firstRunMs: number;
  private readonly purge: () => Promise<PurgeCounts | void>;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(options: RetentionTimerOptions = {}) {
    this.intervalMs = options.intervalMs ?? PURGE_INTERVAL_MS;
    this.firstRunMs = options.firstRunMs ?? FIRST_PURGE_DELAY_MS;
    this.purge = options.purge ?? (() => purgeExpired());
  }

  start() {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(this.firstRunMs);
  }

  /** Purges now, or, when a run is under way, waits for that one instead of starting another. */
  runNow(): Promise<void> {
    this.running ??= this.run().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Stops scheduling and waits for a run under way. */
  async stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(ms: number) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), ms);
    // A pending purge never keeps the process alive.
    this.timer.unref();
  }

  private async tick() {
    await this.runNow();
    if (!this.stopped) this.schedule(this.intervalMs);
  }

  /** One purge; a failure is logged and the next run tries again. */
  private async run() {
    try {
      const counts = await this.purge();
      if (counts && Object.values(counts).some((n) => n > 0)) {
        console.log(
          `Retention: deleted ${plural(counts.attempts, "attempt")}, ${plural(counts.testEmails, "test e-mail")}, ` +
            `${plural(counts.deliveries, "delivery", "deliveries")}, ${plural(counts.events, "event")}`,
        );
      }
    } catch (error) {
      console.error("Retention: purge failed:", error);
    }
  }
}

const holder = globalThis as unknown as { retentionTimer?: RetentionTimer };

/** This process's retention timer (one per process, whatever the module instance). */
export function retentionTimer(): RetentionTimer {
  holder.retentionTimer ??= new RetentionTimer();
  return holder.retentionTimer;
}
