import { randomBytes } from "node:crypto";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { migrate } from "../db/migrate";
import {
  createEmbeddedDatabase,
  createServerDatabase,
  DEFAULT_ADMIN_DATABASE_URL,
  type ScratchDatabase,
} from "./db";

// Global setup of the `int` project: one migrated database for the whole run.

declare module "vitest" {
  export interface ProvidedContext {
    /** The run's migrated test database (also in process.env.DATABASE_URL). */
    testDatabaseUrl: string;
  }
}

const UNREACHABLE = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "EAI_AGAIN",
]);

/** True when a server accepts connections at url; false when nothing answers there. */
async function serverAnswers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    if (UNREACHABLE.has(code) || /timeout/i.test(String(error))) return false;
    throw error; // something answered but refused us (auth, missing database): say so
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Creates the run's database (on TEST_ADMIN_DATABASE_URL, or embedded PGlite when no server
 * answers there), migrates it, and exposes it and test secrets to the test workers through
 * process.env, which Vitest copies into the workers it starts after this. Drops it at the end.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const adminUrl = process.env.TEST_ADMIN_DATABASE_URL || DEFAULT_ADMIN_DATABASE_URL;
  let database: ScratchDatabase;
  if (await serverAnswers(adminUrl)) {
    database = await createServerDatabase(adminUrl);
    process.env.TEST_ADMIN_DATABASE_URL = adminUrl;
  } else {
    console.log(
      `[int] No PostgreSQL server answers at ${adminUrl.replace(/:[^:@/]*@/, ":***@")}: ` +
        "using an embedded PGlite server for this run.",
    );
    database = await createEmbeddedDatabase();
    process.env.TEST_DATABASE_EMBEDDED = "1";
  }
  try {
    await migrate(database.url);
  } catch (error) {
    await database.drop();
    throw error;
  }
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    // Receivers in the tests listen on this machine; SSRF tests pass their own allow-list.
    OUTBOUND_ALLOW_CIDRS: "127.0.0.0/8,::1/128",
  });
  project.provide("testDatabaseUrl", database.url);
  return () => database.drop();
}
