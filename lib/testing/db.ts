import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "../db/embedded";

// Helpers for *.int.test.ts. The `int` project's global setup (lib/testing/global-setup.ts)
// has already created and migrated the run's database (DATABASE_URL) and decided whether this
// run uses a PostgreSQL server or, when none answered, embedded PGlite.

// The server test databases are created on, unless TEST_ADMIN_DATABASE_URL says otherwise.
export const DEFAULT_ADMIN_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

// A database of a test's own: where to connect, and how to get rid of it.
export type ScratchDatabase = { url: string; drop(): Promise<void> };

// Runs fn with a connected pg client and always closes it.
export async function withClient<T>(
  url: string,
  fn: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

// Creates an empty database wh_test_<timestamp>_<random> on a PostgreSQL server; drop()
// disconnects whoever is still connected and drops it.
export async function createServerDatabase(adminUrl: string): Promise<ScratchDatabase> {
  const name = `wh_test_${Date.now()}_${randomBytes(4).toString("hex")}`;
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${quoteIdent(name)}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      withClient(adminUrl, async (client) => {
        await client.query(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
          [name],
        );
        await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`);
      }),
  };
}

// Starts a throwaway embedded PGlite server (PGlite has one database per server); drop()
// stops it and deletes its files.
export async function createEmbeddedDatabase(): Promise<ScratchDatabase> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "wh-test-pglite-"));
  const server = await startEmbeddedPostgres({ dataDir, port: 0 });
  return {
    url: server.url,
    async drop() {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

// A fresh, empty (unmigrated) database the same way this run made its own.
export function createScratchDatabase(): Promise<ScratchDatabase> {
  if (process.env.TEST_DATABASE_EMBEDDED === "1") return createEmbeddedDatabase();
  return createServerDatabase(process.env.TEST_ADMIN_DATABASE_URL || DEFAULT_ADMIN_DATABASE_URL);
}

// Empties every app table of the test database (not _prisma_migrations), for a clean slate
// between tests. Refuses databases not created by the test setup.
export async function resetDatabase(url = process.env.DATABASE_URL): Promise<void> {
  if (!url) throw new Error("resetDatabase: DATABASE_URL is unset; run it in the `int` project.");
  await withClient(url, async (client) => {
    const { rows: db } = await client.query<{ name: string }>("SELECT current_database() AS name");
    const name = db[0]?.name ?? "";
    if (process.env.TEST_DATABASE_EMBEDDED !== "1" && !name.startsWith("wh_test_")) {
      throw new Error(`resetDatabase: refusing to empty "${name}", which is not a test database.`);
    }
    const { rows } = await client.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'",
    );
    if (rows.length === 0) return;
    const tables = rows.map((row) => `public.${quoteIdent(row.tablename)}`).join(", ");
    await client.query(`TRUNCATE TABLE ${tables} RESTART IDENTITY CASCADE`);
  });
}
