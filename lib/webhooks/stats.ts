import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";

// A webhook's success rate and latency over time, from its attempts.

export type StatsBucket = {
  at: Date;
  attempts: number;
  succeeded: number;
  p50: number | null;
  p95: number | null;
};

export type WebhookStats = {
  buckets: StatsBucket[];
  attempts: number;
  successRate: number | null;
  p50: number | null;
  p95: number | null;
};

type Row = {
  bucket: Date;
  attempts: number;
  succeeded: number;
  p50: number | null;
  p95: number | null;
};

/** Hourly buckets over the last 24 h, or daily buckets over the last 7 days. */
export async function webhookStats(
  actor: Actor,
  webhookId: string,
  range: "24h" | "7d",
  now = new Date(),
): Promise<WebhookStats> {
  assertCan(actor, "webhooks.read");
  const unit = range === "24h" ? "hour" : "day";
  const count = range === "24h" ? 24 : 7;
  const stepMs = (range === "24h" ? 3600 : 86_400) * 1000;
  const end = truncate(now, stepMs);
  const since = new Date(end.getTime() - (count - 1) * stepMs);
  const [rows, totals] = await Promise.all([
    db.$queryRaw<Row[]>`
      SELECT date_trunc(${unit}, "startedAt") AS bucket, count(*)::int AS attempts,
             count(*) FILTER (WHERE outcome = 'succeeded')::int AS succeeded,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY "durationMs") AS p50,
             percentile_cont(0.95) WITHIN GROUP (ORDER BY "durationMs") AS p95
      FROM "DeliveryAttempt"
      WHERE "webhookId" = ${webhookId} AND "organizationId" = ${actor.organizationId}
        AND "createdAt" >= ${since}
      GROUP BY 1`,
    db.$queryRaw<Omit<Row, "bucket">[]>`
      SELECT count(*)::int AS attempts, count(*) FILTER (WHERE outcome = 'succeeded')::int AS succeeded,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY "durationMs") AS p50,
             percentile_cont(0.95) WITHIN GROUP (ORDER BY "durationMs") AS p95
      FROM "DeliveryAttempt"
      WHERE "webhookId" = ${webhookId} AND "organizationId" = ${actor.organizationId}
        AND "createdAt" >= ${since}`,
  ]);
  const byTime = new Map(rows.map((r) => [r.bucket.getTime(), r]));
  const buckets = Array.from({ length: count }, (_, i) => {
    const at = new Date(since.getTime() + i * stepMs);
    const r = byTime.get(at.getTime());
    return {
      at,
      attempts: r?.attempts ?? 0,
      succeeded: r?.succeeded ?? 0,
      p50: r?.p50 ?? null,
      p95: r?.p95 ?? null,
    };
  });
  const t = totals[0]!;
  return {
    buckets,
    attempts: t.attempts,
    successRate: t.attempts ? t.succeeded / t.attempts : null,
    p50: t.p50,
    p95: t.p95,
  };
}

const truncate = (d: Date, stepMs: number) => new Date(Math.floor(d.getTime() / stepMs) * stepMs);

export type Health = "healthy" | "failing" | "disabled" | "unknown";

/** Red while the newest Live attempt failed; green once one succeeds again. */
export async function webhookHealth(
  actor: Actor,
  webhook: { id: string; enabled: boolean },
): Promise<Health> {
  assertCan(actor, "webhooks.read");
  if (!webhook.enabled) return "disabled";
  const [last] = await db.$queryRaw<{ outcome: string }[]>`
    SELECT a.outcome FROM "DeliveryAttempt" a JOIN "Delivery" d ON d.id = a."deliveryId"
    WHERE a."webhookId" = ${webhook.id} AND a."organizationId" = ${actor.organizationId}
      AND d.mode = 'LIVE'
    ORDER BY a."createdAt" DESC LIMIT 1`;
  if (!last) return "unknown";
  return last.outcome === "succeeded" ? "healthy" : "failing";
}

/**
 * Webhooks that need attention, for the banner on every admin page: disabled by the system,
 * or past an alert threshold of failures in a row.
 */
export async function webhooksInTrouble(actor: Actor) {
  assertCan(actor, "webhooks.read");
  return db.webhook.findMany({
    where: {
      organizationId: actor.organizationId,
      OR: [
        { enabled: false, disabledReason: { not: null } },
        { enabled: true, failureAlertLevel: { gt: 0 } },
      ],
    },
    select: { id: true, name: true, enabled: true, consecutiveFailures: true },
    orderBy: { name: "asc" },
    take: 5,
  });
}
