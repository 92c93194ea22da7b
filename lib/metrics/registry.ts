import "server-only";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { db } from "@/lib/db/client";
import { embeddedWorker } from "@/lib/delivery/embedded-worker";

// Prometheus metrics, served at /api/metrics (behind METRICS_TOKEN). Counters and the
// histogram are this process's (scrape every process); the queue gauges are read from the
// database at each scrape, so every process reports the same, whole-deployment figures.

type Metrics = ReturnType<typeof create>;

function create() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "webhooks_" });
  const eventsIngested = new Counter({
    name: "webhooks_events_ingested_total",
    help: "Events received on the ingest API, by event type and outcome (accepted, duplicate, invalid, unavailable).",
    labelNames: ["type", "outcome"] as const,
    registers: [registry],
  });
  const attempts = new Counter({
    name: "webhooks_delivery_attempts_total",
    help: "Delivery attempts made by this process, by mode (live, test), outcome (succeeded, retry, failed) and error class (none when it succeeded).",
    labelNames: ["mode", "outcome", "error_class"] as const,
    registers: [registry],
  });
  const attemptDuration = new Histogram({
    name: "webhooks_delivery_attempt_duration_seconds",
    help: "How long an attempt took, from its start to the receiver's answer or the error.",
    labelNames: ["mode", "outcome"] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  new Gauge({
    name: "webhooks_worker_in_flight",
    help: "Attempts the embedded worker of this process is running now.",
    registers: [registry],
    collect() {
      this.set(embeddedWorker().inFlightCount);
    },
  });
  // The queue, read once per scrape for the gauges below; all 0 while the database is down.
  let queue: Promise<QueueRow | null> | undefined;
  const readQueue = () =>
    (queue ??= db.$queryRawUnsafe<QueueRow[]>(QUEUE).then(
      (rows) => rows[0]!,
      () => null,
    ));
  new Gauge({
    name: "webhooks_database_up",
    help: "1 when this process's last scrape could read the database, else 0 (and the queue gauges read 0).",
    registers: [registry],
    async collect() {
      this.set((await readQueue()) ? 1 : 0);
    },
  });
  const queueGauge = (name: string, help: string, pick: (row: QueueRow) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        const row = await readQueue();
        this.set(row ? pick(row) : 0);
      },
    });
  queueGauge(
    "webhooks_deliveries_due",
    "Pending deliveries whose next attempt is due now (all processes).",
    (r) => r.due,
  );
  queueGauge(
    "webhooks_deliveries_overdue",
    "Due deliveries that no worker has held for more than a minute past their due time (all processes): a backlog.",
    (r) => r.overdue,
  );
  queueGauge(
    "webhooks_oldest_due_delivery_age_seconds",
    "How long the oldest due delivery that no worker holds has waited (all processes).",
    (r) => r.oldest,
  );
  return {
    registry,
    eventsIngested,
    attempts,
    attemptDuration,
    /** Forgets the last scrape's queue reading, so the next one reads it afresh. */
    resetQueue: () => (queue = undefined),
  };
}

type QueueRow = { due: number; overdue: number; oldest: number };

// Timestamps are stored in UTC without a zone.
const NOW = `(now() AT TIME ZONE 'UTC')`;
const UNHELD = `("leaseUntil" IS NULL OR "leaseUntil" < ${NOW})`;
const QUEUE = `SELECT count(*)::int AS due,
    (count(*) FILTER (WHERE "nextAttemptAt" < ${NOW} - interval '1 minute' AND ${UNHELD}))::int
      AS overdue,
    coalesce(floor(extract(epoch FROM ${NOW} - min("nextAttemptAt") FILTER (WHERE ${UNHELD}))), 0)::int
      AS oldest
  FROM "Delivery" WHERE status = 'PENDING' AND "nextAttemptAt" <= ${NOW}`;

const holder = globalThis as unknown as { metrics?: Metrics };

/** This process's metrics (one registry per process, whatever the module instance). */
export function metrics(): Metrics {
  holder.metrics ??= create();
  return holder.metrics;
}

export type IngestOutcome = "accepted" | "duplicate" | "invalid" | "unavailable";

/**
 * Counts events the ingest API answered. `type` is a catalog event type, or "invalid" for an
 * event that failed validation (its own type could be anything: never a label).
 */
export function countIngested(type: string, outcome: IngestOutcome, n = 1) {
  if (n > 0) metrics().eventsIngested.inc({ type, outcome }, n);
}

/** The text exposition of every metric, for one scrape. */
export async function scrape(): Promise<{ body: string; contentType: string }> {
  const m = metrics();
  m.resetQueue();
  return { body: await m.registry.metrics(), contentType: m.registry.contentType };
}
