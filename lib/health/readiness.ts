import { migrationNames } from "@/lib/db/migrate";
import { describeDatabaseError } from "@/lib/db/unavailable";
import type { DeliveryEngine } from "@/lib/env";
import { startupPhase, type StartupPhase } from "@/lib/health/startup-state";
import { logger } from "@/lib/log";

// What GET /api/health reports: whether this process can serve — its configuration is valid,
// the database answers, and every migration on disk is applied to it — and which delivery
// engine it runs. Only fixed words and counts: never a message, value or stack trace.

/** The body of /api/health. */
export type Health = {
  status: "ok" | "error";
  configuration: "ok" | "invalid";
  database?: "ok" | "unreachable";
  migrations?: {
    /** current: all applied; pending: some not yet; missing: no migration files found. */
    status: "current" | "pending" | "missing" | "unknown";
    applied?: number;
    onDisk: number;
    pending?: number;
  };
  engine?: DeliveryEngine;
  /**
   * How long the longest-waiting due delivery (not being attempted) has waited, in whole
   * seconds, and the limit past which the process is not ready (0: none).
   */
  queue?: { lagSeconds: number; maxLagSeconds: number };
  /** Present while the process is starting or stopping: what it is doing instead of serving. */
  phase?: Exclude<StartupPhase, "ready">;
};

/** What readiness() reads; the route wires the app's, a test its own. */
export type ReadinessSources = {
  /** The delivery engine; throws when the configuration is invalid. */
  engine: () => DeliveryEngine;
  /** Runs one SQL query on the app's database and returns its rows. */
  query: <Row>(sql: string) => Promise<Row[]>;
  /** Names of the migrations on disk. */
  migrationsOnDisk?: () => Promise<string[]>;
  /** A database slower than this counts as unreachable. */
  timeoutMs?: number;
  /** HEALTH_MAX_QUEUE_LAG_SECONDS; read only once the configuration is known to be valid. */
  maxQueueLagSeconds?: () => number;
  /** What the process still waits for before it serves (lib/startup.ts). */
  phase?: () => StartupPhase;
};

const APPLIED = `SELECT migration_name FROM _prisma_migrations
  WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;

// The oldest due delivery that no worker holds (timestamps are stored in UTC, without zone).
const QUEUE_LAG = `SELECT coalesce(floor(extract(epoch FROM
    (now() AT TIME ZONE 'UTC') - min("nextAttemptAt"))), 0)::int AS lag
  FROM "Delivery" WHERE status = 'PENDING' AND "nextAttemptAt" < (now() AT TIME ZONE 'UTC')
    AND ("leaseUntil" IS NULL OR "leaseUntil" < (now() AT TIME ZONE 'UTC'))`;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Checks configuration, database and migrations; ready only when all three are and the
 * process is done starting.
 */
export async function readiness(sources: ReadinessSources): Promise<Health> {
  const health = await check(sources);
  const phase = (sources.phase ?? startupPhase)();
  return phase === "ready" ? health : { ...health, status: "error", phase };
}

async function check({
  engine,
  query,
  migrationsOnDisk = () => migrationNames(),
  timeoutMs = 5_000,
  maxQueueLagSeconds = () => 0,
}: ReadinessSources): Promise<Health> {
  let mode: DeliveryEngine;
  try {
    mode = engine();
  } catch {
    // The startup log names the setting; this public endpoint only says it is wrong.
    return { status: "error", configuration: "invalid" };
  }
  const onDisk = await migrationsOnDisk().catch(() => [] as string[]);
  let applied: string[];
  try {
    const [table] = await withTimeout(
      query<{ name: string | null }>("SELECT to_regclass('_prisma_migrations')::text AS name"),
      timeoutMs,
    );
    applied = table?.name
      ? (await withTimeout(query<{ migration_name: string }>(APPLIED), timeoutMs)).map(
          (row) => row.migration_name,
        )
      : [];
  } catch (error) {
    logger("health").error(`database check failed: ${describeDatabaseError(error)}`);
    return {
      status: "error",
      configuration: "ok",
      database: "unreachable",
      migrations: { status: "unknown", onDisk: onDisk.length },
      engine: mode,
    };
  }
  const done = new Set(applied);
  const pending = onDisk.filter((name) => !done.has(name)).length;
  const status = onDisk.length === 0 ? "missing" : pending > 0 ? "pending" : "current";
  const health: Health = {
    status: status === "current" ? "ok" : "error",
    configuration: "ok",
    database: "ok",
    migrations: { status, applied: applied.length, onDisk: onDisk.length, pending },
    engine: mode,
  };
  if (status !== "current") return health;
  let lagSeconds: number;
  try {
    [{ lag: lagSeconds } = { lag: 0 }] = await withTimeout(
      query<{ lag: number }>(QUEUE_LAG),
      timeoutMs,
    );
  } catch {
    return { ...health, status: "error", database: "unreachable" };
  }
  const maxLagSeconds = maxQueueLagSeconds();
  const behind = maxLagSeconds > 0 && lagSeconds > maxLagSeconds;
  return { ...health, status: behind ? "error" : "ok", queue: { lagSeconds, maxLagSeconds } };
}
