import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlQuery,
  type SqlResultSet,
} from "@prisma/driver-adapter-utils";
import * as bindings from "@prisma/schema-engine-wasm/schema_engine_bg";

// Prisma's schema engine compiled to WebAssembly, used by the offline migration tooling
// (scripts/db-diff.ts, tests). `@prisma/schema-engine-wasm` is a devDependency: never import
// this module from app code.

const BG_MODULE = "@prisma/schema-engine-wasm/schema_engine_bg";

type PanicRegistry = { message: string; set_message(message: string): void };
const globals = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: PanicRegistry };

let loading: Promise<typeof bindings> | undefined;

// The engine's bindings (SchemaEngine and its types), ready to use; loaded once per process.
// The package entry does `import * as wasm from "./schema_engine_bg.wasm"`, which Node 20
// cannot load, so this does by hand what it does: instantiate the .wasm with the JS glue
// module as its imports, hand the exports back to the glue, and run the start function.
export function loadSchemaEngine(): Promise<typeof bindings> {
  loading ??= (async () => {
    // The glue reports Rust panics through this global before the wasm traps.
    globals.PRISMA_WASM_PANIC_REGISTRY ??= {
      message: "",
      set_message(message) {
        this.message = message;
      },
    };
    const glue = createRequire(import.meta.url).resolve(BG_MODULE);
    const bytes = await readFile(path.join(path.dirname(glue), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, {
      "./schema_engine_bg.js": bindings,
    });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bindings;
  })();
  return loading;
}

/** A PostgreSQL "connection" that only answers the version probe the engine sends on start. */
function stubAdapter(): SqlDriverAdapter {
  const noDatabase = (what: string) =>
    Promise.reject(new Error(`schema-engine: no database behind this engine (${what})`));
  return {
    provider: "postgres",
    adapterName: "schema-diff-stub",
    async queryRaw(query: SqlQuery): Promise<SqlResultSet> {
      if (!query.sql.includes("version()")) return noDatabase(query.sql);
      return {
        columnNames: ["exists", "version", "numeric_version"],
        columnTypes: [ColumnTypeEnum.Boolean, ColumnTypeEnum.Text, ColumnTypeEnum.Int32],
        rows: [[true, "PostgreSQL 15.0", 150000]],
      };
    },
    executeRaw: (query) => noDatabase(query.sql),
    executeScript: () => noDatabase("executeScript"),
    startTransaction: () => noDatabase("startTransaction"),
    dispose: async () => {},
  };
}

/** Either some Prisma schema files (paths) or an empty database. */
export type DiffSource = { files: string[] } | "empty";

/**
 * "empty" is a schema without models, i.e. a new database as `prisma migrate dev` sees its
 * shadow database: the `public` schema exists. The engine's own `{ tag: "empty" }` would add
 * `CREATE SCHEMA IF NOT EXISTS "public"`, which PostgreSQL refuses to roles without CREATE on
 * the database, even though the schema exists.
 */
const EMPTY_SCHEMA = 'datasource db {\n  provider = "postgresql"\n}\n';

async function toTarget(source: DiffSource): Promise<bindings.DiffTarget> {
  if (source === "empty") {
    return { tag: "schemaDatamodel", files: [{ path: "empty.prisma", content: EMPTY_SCHEMA }] };
  }
  const files = await Promise.all(
    source.files.map(async (file) => ({ path: file, content: await readFile(file, "utf8") })),
  );
  return { tag: "schemaDatamodel", files };
}

/**
 * The migration SQL that takes a database from schema `from` to schema `to`, computed from
 * the schema files alone (no database), exactly as `prisma migrate diff --script` prints it.
 * Returns "" when the two schemas are equivalent.
 */
export async function diffSchemas(from: DiffSource, to: DiffSource): Promise<string> {
  const engineModule = await loadSchemaEngine();
  const [fromTarget, toTarget_] = await Promise.all([toTarget(from), toTarget(to)]);
  const adapter = bindMigrationAwareSqlAdapterFactory({
    provider: "postgres",
    adapterName: "schema-diff-stub",
    connect: async () => stubAdapter(),
    connectToShadowDb: async () => stubAdapter(),
  });
  const onLog = () => {}; // the engine's tracing output (JSON lines); nothing we need
  let engine: bindings.SchemaEngine | undefined;
  try {
    engine = await engineModule.SchemaEngine.new({ datamodels: undefined }, onLog, adapter);
    const result = await engine.diff({
      from: fromTarget,
      to: toTarget_,
      script: true,
      exitCode: true, // makes the engine answer 2 when there is a difference, 0 when none
      filters: { externalTables: [], externalEnums: [] },
    });
    return result.exitCode === 2 ? (result.stdout ?? "") : "";
  } catch (error) {
    throw withPanicMessage(error);
  } finally {
    engine?.free();
  }
}

/** A panic surfaces as "RuntimeError: unreachable"; attach the message the engine left. */
function withPanicMessage(error: unknown): unknown {
  const registry = globals.PRISMA_WASM_PANIC_REGISTRY;
  if (!(error instanceof WebAssembly.RuntimeError) || !registry?.message) return error;
  const message = `schema engine panicked: ${registry.message}`;
  registry.message = "";
  return new Error(message, { cause: error });
}
