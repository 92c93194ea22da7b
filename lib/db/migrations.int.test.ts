import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type pg from "pg";
import { afterEach, describe, expect, inject, it } from "vitest";
import { createScratchDatabase, withClient, type ScratchDatabase } from "@/lib/testing/db";
import { startEmbeddedPostgres } from "./embedded";
import { migrate, MigrationError } from "./migrate";
import { diffSchemas, loadSchemaEngine } from "./schema-engine";

const migrationsDir = path.join(process.cwd(), "prisma/migrations");
const schemaFile = path.join(process.cwd(), "prisma/schema.prisma");
const snapshotFile = path.join(migrationsDir, "schema.snapshot.prisma");

async function migrationNames(): Promise<string[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort((a, b) => a.localeCompare(b));
}

/**
 * Everything the schema defines in `public`, in a form that compares equal whenever two
 * databases have the same structure. Column positions are left out (a column added by a
 * later migration comes last), and enum labels are compared as sets (`ADD VALUE` appends),
 * as Prisma's own diff does.
 */
async function catalog(client: pg.Client) {
  const rows = async (sql: string) => (await client.query(sql)).rows;
  const notOurs = "NOT IN ('_prisma_migrations', '_prisma_migrations_pkey')";
  return {
    relations: await rows(`
      SELECT c.relname AS name, c.relkind AS kind FROM pg_class c
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r','p','v','m','S','f')
        AND c.relname ${notOurs}
      ORDER BY 1`),
    columns: await rows(`
      SELECT c.relname AS "table", a.attname AS "column",
             format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS "notNull",
             pg_get_expr(d.adbin, d.adrelid) AS "default", a.attidentity AS identity,
             a.attgenerated AS generated, co.collname AS collation
      FROM pg_attribute a
      JOIN pg_class c ON c.oid = a.attrelid
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      LEFT JOIN pg_collation co ON co.oid = a.attcollation
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r','p','v','m','f')
        AND a.attnum > 0 AND NOT a.attisdropped AND c.relname ${notOurs}
      ORDER BY 1, 2`),
    indexes: await rows(`
      SELECT tablename AS "table", indexname AS name, indexdef AS definition FROM pg_indexes
      WHERE schemaname = 'public' AND tablename ${notOurs}
      ORDER BY 1, 2`),
    constraints: await rows(`
      SELECT conrelid::regclass::text AS "table", conname AS name, contype AS type,
             pg_get_constraintdef(oid) AS definition
      FROM pg_constraint
      WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text ${notOurs}
      ORDER BY 1, 2`),
    enums: await rows(`
      SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumlabel) AS labels
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
      WHERE t.typnamespace = 'public'::regnamespace
      GROUP BY 1 ORDER BY 1`),
    extensions: await rows(`SELECT extname AS name FROM pg_extension ORDER BY 1`),
  };
}

/** Prisma's own schema engine (wasm build) connected to url through Prisma's pg adapter. */
async function prismaEngine(url: string) {
  const { SchemaEngine } = await loadSchemaEngine();
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const { bindMigrationAwareSqlAdapterFactory } = await import("@prisma/driver-adapter-utils");
  const connection = await new PrismaPg({ connectionString: url }).connect();
  const adapter = bindMigrationAwareSqlAdapterFactory({
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: async () => connection,
    connectToShadowDb: () => Promise.reject(new Error("no shadow database in this test")),
  });
  const schema = await readFile(schemaFile, "utf8");
  const engine = await SchemaEngine.new(
    { datamodels: [["schema.prisma", schema]] },
    () => {},
    adapter,
  );
  const migrationsList = {
    baseDir: migrationsDir,
    lockfile: {
      path: "migration_lock.toml",
      content: await readFile(path.join(migrationsDir, "migration_lock.toml"), "utf8"),
    },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      (await migrationNames()).map(async (name) => ({
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: {
            tag: "ok" as const,
            value: await readFile(path.join(migrationsDir, name, "migration.sql"), "utf8"),
          },
        },
      })),
    ),
  };
  const filters = { externalTables: [], externalEnums: [] };
  return {
    deploy: () => engine.applyMigrations({ migrationsList, filters }),
    diagnose: () =>
      engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters }),
    // The engine holds Prisma's advisory lock until its connection closes.
    free: async () => {
      engine.free();
      await connection.dispose();
    },
  };
}

const scratch: ScratchDatabase[] = [];
async function freshDatabase(): Promise<string> {
  const database = await createScratchDatabase();
  scratch.push(database);
  return database.url;
}
afterEach(async () => {
  await Promise.all(scratch.splice(0).map((database) => database.drop()));
});

describe("prisma/migrations agree with prisma/schema.prisma", () => {
  it("has no schema change since the last migration (else: npm run db:diff -- <name>)", async () => {
    expect(await diffSchemas({ files: [snapshotFile] }, { files: [schemaFile] })).toBe("");
  });

  it("builds the same database by migrating as by creating schema.prisma from scratch", async () => {
    const fromScratch = await freshDatabase();
    const script = await diffSchemas("empty", { files: [schemaFile] });
    await withClient(fromScratch, (client) => client.query(script));

    const migrated = await withClient(inject("testDatabaseUrl"), catalog);
    const created = await withClient(fromScratch, catalog);
    expect(migrated.columns.length).toBeGreaterThan(0);
    expect(migrated).toEqual(created);
  });

  it("sees the migrated test database through lib/env", async () => {
    const { env } = await import("@/lib/env");
    expect(env().DATABASE_URL).toBe(inject("testDatabaseUrl"));
    const applied = await withClient(env().DATABASE_URL, (client) =>
      client.query("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL"),
    );
    expect(applied.rows.map((row) => row.migration_name).sort()).toEqual(await migrationNames());
  });
});

describe("migrate()", () => {
  it("applies each migration exactly once when two processes migrate at the same time", async () => {
    const url = await freshDatabase();
    const [first, second] = await Promise.all([migrate(url), migrate(url)]);
    expect([...first.applied, ...second.applied].sort()).toEqual(await migrationNames());

    const history = await withClient(url, (client) =>
      client.query(`SELECT migration_name, count(*)::int AS n, bool_and(finished_at IS NOT NULL) AS done,
                           min(applied_steps_count) AS steps, min(length(checksum)) AS checksum_length
                    FROM _prisma_migrations GROUP BY 1 ORDER BY 1`),
    );
    for (const row of history.rows)
      expect(row).toMatchObject({ n: 1, done: true, steps: 1, checksum_length: 64 });
    expect(await migrate(url)).toEqual({ applied: [] });
  });

  it("keeps Prisma's migration history: `prisma migrate deploy` and this runner accept each other's work", async () => {
    const ours = await prismaEngine(inject("testDatabaseUrl"));
    try {
      expect(await ours.diagnose()).toEqual({
        editedMigrationNames: [],
        failedMigrationNames: [],
        hasMigrationsTable: true,
        history: null,
      });
      expect(await ours.deploy()).toEqual({ appliedMigrationNames: [] });
    } finally {
      await ours.free();
    }

    const url = await freshDatabase();
    const prisma = await prismaEngine(url);
    try {
      expect((await prisma.deploy()).appliedMigrationNames).toEqual(await migrationNames());
    } finally {
      await prisma.free();
    }
    expect(await migrate(url)).toEqual({ applied: [] });
  });

  it("refuses to run when an applied migration's file no longer matches its checksum", async () => {
    const url = await freshDatabase();
    await migrate(url);
    const [name] = await migrationNames();
    await withClient(url, (client) =>
      client.query(
        "UPDATE _prisma_migrations SET checksum = repeat('0', 64) WHERE migration_name = $1",
        [name],
      ),
    );
    const run = migrate(url);
    await expect(run).rejects.toBeInstanceOf(MigrationError);
    await expect(run).rejects.toThrow(new RegExp(`changed after it was applied.*${name}`));
  });

  it("refuses to run over a migration recorded as failed", async () => {
    const url = await freshDatabase();
    await migrate(url);
    await withClient(url, (client) =>
      client.query(`INSERT INTO _prisma_migrations (id, checksum, migration_name, logs)
                    VALUES ('00000000-0000-4000-8000-000000000000', repeat('0', 64), '29990101000000_broken', 'boom')`),
    );
    await expect(migrate(url)).rejects.toThrow(/failed earlier.*29990101000000_broken: boom/s);
  });

  it("rolls a failing migration back entirely and says where it failed", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "wh-migrations-"));
    try {
      await mkdir(path.join(dir, "20000101000000_ok"));
      await writeFile(
        path.join(dir, "20000101000000_ok/migration.sql"),
        'CREATE TABLE "Ok" (id int);\n',
      );
      await mkdir(path.join(dir, "20000101000001_bad"));
      await writeFile(
        path.join(dir, "20000101000001_bad/migration.sql"),
        'CREATE TABLE "Half" (id int);\n\nSELECT no_such_column FROM "Ok";\n',
      );
      const url = await freshDatabase();
      await expect(migrate(url, { migrationsDir: dir })).rejects.toThrow(
        /20000101000001_bad failed \(migration.sql line 3\).*no_such_column/s,
      );
      const state = await withClient(url, async (client) => ({
        tables: (
          await client.query(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
          )
        ).rows,
        history: (await client.query("SELECT migration_name FROM _prisma_migrations")).rows,
      }));
      expect(state.tables.map((row) => row.tablename)).toEqual(["Ok", "_prisma_migrations"]);
      expect(state.history).toEqual([{ migration_name: "20000101000000_ok" }]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("startEmbeddedPostgres()", () => {
  it(
    "serves pg and Prisma, migrates, and keeps its data across restarts",
    { timeout: 120_000 },
    async () => {
      const dataDir = await mkdtemp(path.join(os.tmpdir(), "wh-embedded-"));
      try {
        let server = await startEmbeddedPostgres({ dataDir, port: 0 });
        try {
          expect(server.url).toMatch(
            /^postgresql:\/\/postgres@127\.0\.0\.1:\d+\/postgres\?sslmode=disable$/,
          );
          const [first, second] = await Promise.all([migrate(server.url), migrate(server.url)]);
          expect([...first.applied, ...second.applied].sort()).toEqual(await migrationNames());

          const { PrismaPg } = await import("@prisma/adapter-pg");
          const { PrismaClient } = await import("@/generated/prisma/client");
          const prisma = new PrismaClient({
            adapter: new PrismaPg({ connectionString: server.url }),
          });
          try {
            await prisma.organization.create({ data: { name: "Embedded Org" } });
            expect(await prisma.organization.count()).toBe(1);
          } finally {
            await prisma.$disconnect();
          }
        } finally {
          await server.stop();
        }

        server = await startEmbeddedPostgres({ dataDir, port: 0 });
        try {
          const names = await withClient(server.url, (client) =>
            client.query('SELECT name FROM "Organization"'),
          );
          expect(names.rows).toEqual([{ name: "Embedded Org" }]);
          expect(await migrate(server.url)).toEqual({ applied: [] });
        } finally {
          await server.stop();
        }
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  );
});
