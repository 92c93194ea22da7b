import { deliveryEngine, env, EnvError, type Env } from "@/lib/env";
import { setStartupPhase } from "@/lib/health/startup-state";
import { logger } from "@/lib/log";

const log = () => logger("startup");

// What a server process does once at start (called from instrumentation.ts, Node.js runtime
// only): validates configuration — exiting with a message naming each wrong setting when it is
// invalid —, applies pending database migrations (under a lock, so several processes may start
// together), and starts the embedded delivery worker and the hourly retention purge unless
// Inngest is the engine.
//
// A database that does not answer yet (a container started before PostgreSQL, a database
// restarting) is waited for, up to DATABASE_WAIT_SECONDS, retrying with backoff while the
// server answers /api/health with 503; past that the process exits non-zero naming the host,
// so that a supervisor restarts it rather than leaving a server that can only fail.
//
// SIGTERM or SIGINT stops the process gracefully: /api/health turns 503, the worker claims
// nothing more and the attempts under way finish (each within its webhook's timeout) and are
// logged, the pool closes, and the process exits 0 — so nothing it started is sent again by
// the next process. Next's own handler, which would exit as soon as the HTTP server closed, is
// replaced; requests keep being served meanwhile (what they store, another process delivers).
export async function startup() {
  let config: Env;
  try {
    config = env();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    // Refuse to start: a server that answers every request with an error would only hide it.
    // The message names every missing or malformed setting and what to do.
    log().fatal(error.message);
    process.exit(1);
  }
  // On Vercel `npm run vercel-build` migrates once per deployment; a function's cold start
  // should not take the migration lock. /api/health still reports pending migrations.
  if (config.VERCEL) return startEngine();
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.removeAllListeners(signal);
    // `on`, not `once`: a second signal (Ctrl+C reaches npm start and the server both, then
    // npm start sends SIGTERM) must not fall back to the default and kill the process mid-way.
    process.on(signal, () => void shutdown(signal));
  }
  // The usual case: the database answers, and the server serves only once it is migrated.
  const first = await migrateOnce(config);
  if (first === "done") return startEngine();
  // Serve /api/health (503, waiting for the database) while retrying in the background.
  setStartupPhase("waiting-for-database");
  void waitForDatabase(config, first.error).then(() => {
    setStartupPhase("ready");
    return startEngine();
  });
}

/** host:port of the database, for messages (never the user or password). */
function databaseHost(url: string): string {
  try {
    const { hostname, port } = new URL(url);
    return `${hostname || "localhost"}:${port || 5432}`;
  } catch {
    return "(unparsable DATABASE_URL)";
  }
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** One migration attempt: done, or the connection-level error to retry after. */
async function migrateOnce(config: Env): Promise<"done" | { error: unknown }> {
  const { migrate, MigrationError } = await import("@/lib/db/migrate");
  try {
    const { applied } = await migrate(config.DATABASE_URL);
    if (applied.length) log().info({ applied }, `Applied migrations: ${applied.join(", ")}`);
    return "done";
  } catch (error) {
    // A migration that cannot apply will not apply later either: say so and stop.
    if (error instanceof MigrationError) {
      log().fatal(error.message);
      process.exit(1);
    }
    return { error };
  }
}

/** Retries with backoff (0.5 s doubling to 5 s) until migrated or DATABASE_WAIT_SECONDS pass. */
async function waitForDatabase(config: Env, firstError: unknown) {
  const host = databaseHost(config.DATABASE_URL);
  const limitMs = config.DATABASE_WAIT_SECONDS * 1000;
  const giveUpAt = Date.now() + limitMs;
  let error = firstError;
  for (let delay = 500; ; delay = Math.min(delay * 2, 5_000)) {
    const left = giveUpAt - Date.now();
    if (left <= 0) {
      log().fatal(
        `Could not reach the database at ${host} within ${config.DATABASE_WAIT_SECONDS} s ` +
          `(${describe(error)}). Check DATABASE_URL and that PostgreSQL is running and accepts ` +
          `connections; DATABASE_WAIT_SECONDS sets how long a starting server waits for it.`,
      );
      process.exit(1);
    }
    const wait = Math.min(delay, left);
    log().warn(
      `Waiting for the database at ${host} (${describe(error)}); next try in ` +
        `${(wait / 1000).toFixed(1)} s, giving up in ${Math.ceil(left / 1000)} s.`,
    );
    await new Promise((resolve) => setTimeout(resolve, wait));
    const attempt = await migrateOnce(config);
    if (attempt === "done") {
      log().info(`Database at ${host} reached.`);
      return;
    }
    error = attempt.error;
  }
}

async function startEngine() {
  if (deliveryEngine() === "embedded") {
    const { embeddedWorker } = await import("@/lib/delivery/embedded-worker");
    embeddedWorker().start();
    const { retentionTimer } = await import("@/lib/retention/schedule");
    retentionTimer().start();
    log().info("Delivery engine: embedded worker");
  } else {
    log().info("Delivery engine: Inngest (served at /api/inngest)");
  }
}

/** Longer than the longest attempt (a 30 s timeout, then its log write). */
const SHUTDOWN_LIMIT_MS = 45_000;

let stopping = false;

async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  setStartupPhase("stopping");
  log().info(`${signal}: stopping; the attempts under way finish first.`);
  const limit = setTimeout(() => {
    log().error(`Attempts still under way after ${SHUTDOWN_LIMIT_MS / 1000} s: exiting anyway.`);
    process.exit(1);
  }, SHUTDOWN_LIMIT_MS);
  limit.unref();
  try {
    if (deliveryEngine() === "embedded") {
      const { embeddedWorker } = await import("@/lib/delivery/embedded-worker");
      const { retentionTimer } = await import("@/lib/retention/schedule");
      retentionTimer().stop();
      await embeddedWorker().stop();
    }
    const { db } = await import("@/lib/db/client");
    await db.$disconnect();
    log().info("Stopped cleanly.");
    process.exit(0);
  } catch (error) {
    log().error(`Could not stop cleanly: ${describe(error)}`);
    process.exit(1);
  }
}
