import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { env } from "@/lib/env";

type Clients = { prisma?: PrismaClient; deliveryState?: PrismaClient };
const globalForPrisma = globalThis as unknown as Clients;

/** A client created on first use (never at import: `next build` imports this module without a database). */
function lazy(key: keyof Clients, create: () => PrismaClient): PrismaClient {
  return new Proxy({} as PrismaClient, {
    get(_target, prop) {
      // Kept on globalThis so dev reloads reuse one pool.
      const client = (globalForPrisma[key] ??= create());
      const value = Reflect.get(client, prop);
      return typeof value === "function" ? value.bind(client) : value;
    },
  });
}

/** The Prisma client. */
export const db = lazy(
  "prisma",
  () => new PrismaClient({ adapter: new PrismaPg({ connectionString: env().DATABASE_URL }) }),
);

/**
 * The delivery engine's own pool, for claiming attempts and recording their outcome, with
 * synchronous_commit off: a commit does not wait for its WAL flush. If PostgreSQL itself
 * crashed, the last fraction of a second of attempt records could be lost, and those
 * deliveries would simply be attempted again with the same webhook-id — the at-least-once
 * contract deliveries already have. Everything else (events accepted by ingest, settings)
 * goes through `db` and is durable when acknowledged.
 */
export const deliveryStateDb = lazy(
  "deliveryState",
  () =>
    new PrismaClient({
      adapter: new PrismaPg({
        connectionString: env().DATABASE_URL,
        options: "-c synchronous_commit=off",
      }),
    }),
);

export type { PrismaClient };
