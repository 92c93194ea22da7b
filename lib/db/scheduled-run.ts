import "server-only";
import { db } from "@/lib/db/client";

/**
 * Claims this period's run of a periodic job that every process schedules: true for the one
 * process that moves the job's `lastRunAt` to `now`, false for the others. A period counts as
 * 90% of `everyMs`, so timers that drift a little still find the last run old enough. The
 * row lock of the upsert lets one of several processes claiming together win.
 */
export async function claimScheduledRun(job: string, now: Date, everyMs: number) {
  const notAfter = new Date(now.getTime() - everyMs * 0.9);
  const rows = await db.$queryRaw<unknown[]>`
    INSERT INTO "ScheduledRun" (job, "lastRunAt") VALUES (${job}, ${now})
    ON CONFLICT (job) DO UPDATE SET "lastRunAt" = EXCLUDED."lastRunAt"
    WHERE "ScheduledRun"."lastRunAt" <= ${notAfter}
    RETURNING job`;
  return rows.length === 1;
}
