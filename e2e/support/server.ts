// The e2e web server: creates the test database, then runs the README's start command
// (scripts/start.ts) against it — or, with E2E_EMBEDDED, on the embedded PostgreSQL.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import pg from "pg";

async function createDatabase(url: string) {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

const env = { ...process.env };
if (env.E2E_EMBEDDED) {
  delete env.DATABASE_URL;
  rmSync(".data/e2e/pglite", { recursive: true, force: true });
} else {
  await createDatabase(env.E2E_DATABASE_URL!);
  env.DATABASE_URL = env.E2E_DATABASE_URL;
}
const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
  stdio: "inherit",
  env,
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
