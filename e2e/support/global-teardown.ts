import pg from "pg";

// Drops the e2e database (never anyone else's: its name was made by playwright.config.ts).
export default async function globalTeardown() {
  const url = process.env.E2E_DATABASE_URL;
  if (!url || process.env.E2E_EMBEDDED) return;
  const name = new URL(url).pathname.slice(1);
  if (!name.startsWith("wh_e2e_")) return;
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
