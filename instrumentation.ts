// Runs once when a server process starts: validates configuration, applies pending database
// migrations (under a lock, so several processes may start together), and starts the
// embedded delivery worker and the hourly retention purge unless Inngest is the engine.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env, deliveryEngine } = await import("@/lib/env");
  const { migrate } = await import("@/lib/db/migrate");
  const { applied } = await migrate(env().DATABASE_URL);
  if (applied.length) console.log(`Applied migrations: ${applied.join(", ")}`);
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
