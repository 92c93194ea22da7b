import { deliveryEngine, env, EnvError } from "@/lib/env";

// What a server process does once at start (called from instrumentation.ts, Node.js runtime
// only): validates configuration — exiting with a message naming each wrong setting when it is
// invalid —, applies pending database migrations (under a lock, so several processes may start
// together), and starts the embedded delivery worker and the hourly retention purge unless
// Inngest is the engine.
export async function startup() {
  let config: ReturnType<typeof env>;
  try {
    config = env();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    // Refuse to start: a server that answers every request with an error would only hide it.
    // The message names every missing or malformed setting and what to do.
    console.error(error.message);
    process.exit(1);
  }
  // On Vercel `npm run vercel-build` migrates once per deployment; a function's cold start
  // should not take the migration lock. /api/health still reports pending migrations.
  if (!config.VERCEL) {
    const { migrate } = await import("@/lib/db/migrate");
    const { applied } = await migrate(config.DATABASE_URL);
    if (applied.length) console.log(`Applied migrations: ${applied.join(", ")}`);
  }
  if (deliveryEngine() === "embedded") {
    const { embeddedWorker } = await import("@/lib/delivery/embedded-worker");
    embeddedWorker().start();
    const { retentionTimer } = await import("@/lib/retention/schedule");
    retentionTimer().start();
    console.log("Delivery engine: embedded worker");
  } else {
    console.log("Delivery engine: Inngest (served at /api/inngest)");
  }
}
