import "server-only";
import { claimScheduledRun } from "@/lib/db/scheduled-run";
import { describeDatabaseError } from "@/lib/db/unavailable";
import { plural } from "@/lib/format";
import { logger } from "@/lib/log";
import { purgeExpired, type PurgeCounts } from "@/lib/retention/purge";

// The retention purge on the embedded engine: a timer in the app process (Inngest runs the
// same purgeExpired as an hourly cron function instead). Each run is scheduled when the last
// one has finished, so runs never overlap. Every process has the timer, but each period only
// one of them runs the purge: the one that claims it (lib/db/scheduled-run.ts).

export const PURGE_INTERVAL_MS = 60 * 60_000;
export const FIRST_PURGE_DELAY_MS = 60_000;

export type RetentionTimerOptions = {
  intervalMs?: number;
  /** Delay of the first run after start(), so it stays out of the way of startup. */
  firstRunMs?: number;
  purge?: () => Promise<PurgeCounts | void>;
  /** Whether this process runs the period starting at `now` (all do when absent). */
  claim?: (now: Date, intervalMs: number) => Promise<boolean>;
};

export class RetentionTimer {
  private readonly intervalMs: number;
  private readonly firstRunMs: number;
  private readonly purge: () => Promise<PurgeCounts | void>;
  private readonly claim: RetentionTimerOptions["claim"];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(options: RetentionTimerOptions = {}) {
    this.intervalMs = options.intervalMs ?? PURGE_INTERVAL_MS;
    this.firstRunMs = options.firstRunMs ?? FIRST_PURGE_DELAY_MS;
    this.purge = options.purge ?? (() => purgeExpired());
    this.claim = options.claim;
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
    const mine = await this.claimed();
    if (mine) await this.runNow();
    else if (mine === false) logger("retention").info("this period's purge is another process's");
    if (!this.stopped) this.schedule(this.intervalMs);
  }

  /** Whether this period's run is this process's; null when the claim failed (skipped). */
  private async claimed(): Promise<boolean | null> {
    if (!this.claim) return true;
    try {
      return await this.claim(new Date(), this.intervalMs);
    } catch (error) {
      logger("retention").error(
        `could not claim this period's purge: ${describeDatabaseError(error)}`,
      );
      return null;
    }
  }

  /** One purge; a failure is logged and the next run tries again. */
  private async run() {
    try {
      const counts = await this.purge();
      // Logged even when nothing was deleted: the log shows which process ran the hour's purge.
      if (counts) {
        logger("retention").info(
          { deleted: counts },
          `purge deleted ${plural(counts.attempts, "attempt")}, ${plural(counts.testEmails, "test e-mail")}, ` +
            `${plural(counts.deliveries, "delivery", "deliveries")}, ${plural(counts.events, "event")}`,
        );
      }
    } catch (error) {
      logger("retention").error({ err: error }, "purge failed; the next run tries again");
    }
  }
}

const holder = globalThis as unknown as { retentionTimer?: RetentionTimer };

/** This process's retention timer (one per process, whatever the module instance). */
export function retentionTimer(): RetentionTimer {
  holder.retentionTimer ??= new RetentionTimer({
    claim: (now, intervalMs) => claimScheduledRun("retention-purge", now, intervalMs),
  });
  return holder.retentionTimer;
}
