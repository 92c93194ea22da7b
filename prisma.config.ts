import { defineConfig } from "prisma/config";

// The fallback keeps `prisma generate` working without a database; the app itself reads
// DATABASE_URL through lib/env.ts.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/unused" },
});
