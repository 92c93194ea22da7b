import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";

// Applies prisma/migrations the way `prisma migrate deploy` does, without Prisma's native
// engine: same `_prisma_migrations` table, same checksums, same advisory lock, so either tool
// can take over a database the other migrated.

/** Prisma's migration lock key: holding it keeps this runner and `prisma migrate` apart. */
const LOCK_KEY = 72707369;

/** The table Prisma's schema engine creates on PostgreSQL, column for column (plus IF NOT EXISTS). */
const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
)`;

// Options of migrate(): a logger for progress lines and the migrations folder to read.
export type MigrateOptions = {
  log?: (msg: string) => void;
  /** Defaults to prisma/migrations under the current working directory. */
  migrationsDir?: string;
};

// What migrate() did: the names of the migrations it applied, in order.
export type MigrateResult = { applied: string[] };

// A refusal or failure the operator has to act on; the message says what to do.
export class MigrationError extends Error {
  override name = "MigrationError";
}

type LocalMigration = { name: string; sql: string };
type HistoryRow = {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
};

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** Like Prisma, accept a file whose only change is CRLF ↔ LF line endings (git autocrlf). */
function matchesChecksum(sql: string, checksum: string): boolean {
  const lf = sql.replace(/\r\n/g, "\n");
  return [sql, lf, lf.replace(/\n/g, "\r\n")].some((text) => sha256(text) === checksum);
}

/** Where the migrations are: prisma/migrations under the working directory. */
export const defaultMigrationsDir = () => path.join(process.cwd(), "prisma/migrations");

/**
 * Names of the migration folders in Prisma's order; files beside them (lock file, snapshot)
 * are ignored, and a missing folder has none.
 */
export async function migrationNames(dir = defaultMigrationsDir()): Promise<string[]> {
  // turbopackIgnore: a path the tracer cannot resolve would make it copy the whole project into
  // the standalone output; next.config.mjs lists prisma/migrations for tracing instead.
  const entries = await readdir(/* turbopackIgnore: true */ dir, { withFileTypes: true }).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return [];
      throw error;
    },
  );
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b));
}

/** The migration folders with their SQL, in order. */
async function readMigrations(dir: string): Promise<LocalMigration[]> {
  const names = await migrationNames(dir);
  return Promise.all(
    names.map(async (name) => {
      const file = path.join(dir, name, "migration.sql");
      const sql = await readFile(/* turbopackIgnore: true */ file, "utf8").catch(() => {
        throw new MigrationError(
          `Migration folder ${name} has no readable migration.sql (${file}).`,
        );
      });
      return { name, sql };
    }),
  );
}

/** Refuse to go on over failed or edited migrations, like Prisma does. */
function checkHistory(local: LocalMigration[], rows: HistoryRow[], log: (msg: string) => void) {
  const failed = rows.filter((row) => !row.finished_at && !row.rolled_back_at);
  if (failed.length > 0) {
    const details = failed.map(
      (row) => `  ${row.migration_name}${row.logs ? `: ${row.logs}` : ""}`,
    );
    throw new MigrationError(
      `Migration failed earlier and was not rolled back:\n${details.join("\n")}\n` +
        "Repair the database by hand, then mark it resolved " +
        "(`prisma migrate resolve --rolled-back <name>` or `--applied <name>`), and run again.",
    );
  }
  const byName = new Map(local.map((m) => [m.name, m]));
  const applied = rows.filter((row) => row.finished_at && !row.rolled_back_at);
  const edited = applied.filter((row) => {
    const file = byName.get(row.migration_name);
    return file && !matchesChecksum(file.sql, row.checksum);
  });
  if (edited.length > 0) {
    throw new MigrationError(
      `Migration file changed after it was applied (checksum mismatch): ` +
        `${edited.map((row) => row.migration_name).join(", ")}.\n` +
        "Restore the original migration.sql and put the change in a new migration " +
        "(npm run db:diff -- <name>).",
    );
  }
  for (const row of applied) {
    if (!byName.has(row.migration_name)) {
      log(
        `Note: ${row.migration_name} is applied in the database but not in the migrations folder.`,
      );
    }
  }
}

/** Line of a PostgreSQL error position in the script, for a useful error message. */
function lineOf(sql: string, error: unknown): string {
  const position = Number((error as { position?: string }).position);
  if (!position) return "";
  return ` (migration.sql line ${sql.slice(0, position).split("\n").length})`;
}

/**
 * One migration and its history row in one transaction: all of it or nothing. Re-checks the
 * history inside the transaction because PGlite's socket server runs every connection in one
 * session, where advisory locks exclude nobody — but a transaction has the database to itself.
 */
async function applyMigration(client: pg.Client, migration: LocalMigration): Promise<boolean> {
  await client.query("BEGIN");
  try {
    const done = await client.query(
      `SELECT 1 FROM _prisma_migrations
       WHERE migration_name = $1 AND finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      [migration.name],
    );
    if (done.rowCount) {
      await client.query("COMMIT");
      return false;
    }
    const id = randomUUID();
    await client.query(
      "INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())",
      [id, sha256(migration.sql), migration.name],
    );
    try {
      await client.query(migration.sql); // no parameters: simple protocol, many statements
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new MigrationError(
        `Migration ${migration.name} failed${lineOf(migration.sql, error)}: ${reason}\n` +
          "Nothing of it was applied (it ran in a transaction). Fix migration.sql and run again.",
        { cause: error },
      );
    }
    await client.query(
      "UPDATE _prisma_migrations SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1",
      [id],
    );
    await client.query("COMMIT");
    return true;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}

/**
 * Applies the pending migrations in name order, each in its own transaction with its
 * `_prisma_migrations` row. Concurrent callers wait for each other on an advisory lock; the
 * later one then finds nothing to do. Refuses to run when an applied migration's file was
 * edited or a migration is recorded as failed. Like Prisma, it runs each migration.sql as one
 * multi-statement script in a transaction, so a script must not BEGIN/COMMIT itself or use
 * statements PostgreSQL forbids in transactions (CREATE INDEX CONCURRENTLY).
 */
export async function migrate(
  connectionString: string,
  opts: MigrateOptions = {},
): Promise<MigrateResult> {
  const log = opts.log ?? (() => {});
  const local = await readMigrations(opts.migrationsDir ?? defaultMigrationsDir());
  // One connection for the lock and the work: a session lock belongs to its connection. A host
  // that drops packets fails after 10 s instead of hanging the start (lib/startup.ts retries).
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>(
      `SELECT pg_try_advisory_lock(${LOCK_KEY}) AS locked`,
    );
    if (!rows[0]?.locked) {
      log("Another process is migrating this database; waiting for it to finish…");
      await client.query(`SELECT pg_advisory_lock(${LOCK_KEY})`);
    }
    try {
      await client.query(MIGRATIONS_TABLE);
      const history = await client.query<HistoryRow>(
        "SELECT migration_name, checksum, finished_at, rolled_back_at, logs FROM _prisma_migrations ORDER BY started_at",
      );
      checkHistory(local, history.rows, log);
      const done = new Set(
        history.rows
          .filter((row) => row.finished_at && !row.rolled_back_at)
          .map((row) => row.migration_name),
      );
      const applied: string[] = [];
      for (const migration of local.filter((m) => !done.has(m.name))) {
        const started = Date.now();
        if (!(await applyMigration(client, migration))) continue;
        applied.push(migration.name);
        log(`Applied ${migration.name} (${Date.now() - started} ms)`);
      }
      return { applied };
    } finally {
      await client.query(`SELECT pg_advisory_unlock(${LOCK_KEY})`).catch(() => {});
    }
  } finally {
    await client.end();
  }
}
