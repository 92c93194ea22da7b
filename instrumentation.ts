// Runs once when a server process starts: validates configuration and applies pending
// database migrations (under a lock, so several processes may start together).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("@/lib/env");
  const { migrate } = await import("@/lib/db/migrate");
  const { applied } = await migrate(env().DATABASE_URL);
  if (applied.length) console.log(`Applied migrations: ${applied.join(", ")}`);
}
