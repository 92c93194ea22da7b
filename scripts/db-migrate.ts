// `npm run db:migrate`: applies pending prisma/migrations to DATABASE_URL (from the
// environment, else .env.local / .env as Next reads them). Same result as
// `prisma migrate deploy`, without Prisma's native engine.
import { existsSync } from "node:fs";
import { migrate, MigrationError } from "../lib/db/migrate";

for (const file of [".env.local", ".env"]) {
  if (existsSync(file)) process.loadEnvFile(file); // never overrides variables already set
}

const url = process.env.DATABASE_URL;
if (!url || !/^postgres(ql)?:\/\//.test(url)) {
  console.error("DATABASE_URL must be set to a postgres:// or postgresql:// connection URL.");
  process.exit(1);
}

try {
  const { applied } = await migrate(url, { log: (msg) => console.log(msg) });
  console.log(
    applied.length ? `${applied.length} migration(s) applied.` : "Database is up to date.",
  );
} catch (error) {
  console.error(error instanceof MigrationError ? error.message : error);
  process.exit(1);
}
