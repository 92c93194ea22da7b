import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { migrate, migrationNames } from "@/lib/db/migrate";
import { EnvError } from "@/lib/env";
import { readiness, type ReadinessSources } from "@/lib/health/readiness";
import { captureLogs } from "@/lib/log";
import { db } from "@/lib/db/client";
import { createScratchDatabase, type ScratchDatabase } from "@/lib/testing/db";
import { createTestOwner, createTestWebhook, ingestTestEvent } from "@/lib/testing/fixtures";
import { unusedPort } from "@/lib/testing/receiver";

// Readiness against real databases: a migrated one is ready; an empty one, one that does not
// answer, missing migration files or an invalid configuration are not — and the answer names
// none of the details (no messages, values or stack traces: /api/health is public).

let scratch: ScratchDatabase;
let client: pg.Client;
const onDisk = () => migrationNames();

/** Readiness of the database `c` talks to, with the embedded engine unless told otherwise. */
function check(c: pg.Client, overrides: Partial<ReadinessSources> = {}) {
  return readiness({
    engine: () => "embedded",
    query: async <Row>(sql: string) => (await c.query(sql)).rows as Row[],
    ...overrides,
  });
}

beforeAll(async () => {
  scratch = await createScratchDatabase();
  client = new pg.Client({ connectionString: scratch.url });
  await client.connect();
});

afterAll(async () => {
  await client?.end();
  await scratch?.drop();
});

describe("readiness", () => {
  it("is not ready on an empty database: every migration on disk is pending", async () => {
    const total = (await onDisk()).length;
    expect(total).toBeGreaterThan(0);
    expect(await check(client)).toEqual({
      status: "error",
      configuration: "ok",
      database: "ok",
      migrations: { status: "pending", applied: 0, onDisk: total, pending: total },
      engine: "embedded",
    });
  });

  it("is not ready while the process still waits for its database at start, and says so", async () => {
    await migrate(scratch.url);
    const total = (await onDisk()).length;
    expect(await check(client, { phase: () => "waiting-for-database" })).toEqual({
      status: "error",
      configuration: "ok",
      database: "ok",
      migrations: { status: "current", applied: total, onDisk: total, pending: 0 },
      engine: "embedded",
      queue: { lagSeconds: 0, maxLagSeconds: 0 },
      phase: "waiting-for-database",
    });
  });

  it("is ready once the migrations are applied, and reports the engine", async () => {
    await migrate(scratch.url);
    const total = (await onDisk()).length;
    expect(await check(client, { engine: () => "inngest" })).toEqual({
      status: "ok",
      configuration: "ok",
      database: "ok",
      migrations: { status: "current", applied: total, onDisk: total, pending: 0 },
      engine: "inngest",
      queue: { lagSeconds: 0, maxLagSeconds: 0 },
    });
  });

  it("is not ready when no migration files are found (a packaging mistake)", async () => {
    const health = await check(client, { migrationsOnDisk: async () => [] });
    expect(health.status).toBe("error");
    expect(health.migrations).toMatchObject({ status: "missing", onDisk: 0 });
  });

  it("is not ready when the database does not answer, and says only that", async () => {
    const logged: Record<string, unknown>[] = [];
    const stop = captureLogs(logged);
    const down = new pg.Client({
      connectionString: `postgresql://postgres:s3cret-password@127.0.0.1:${await unusedPort()}/x`,
    });
    const health = await check(down, {
      query: async <Row>(sql: string) => {
        await down.connect();
        return (await down.query(sql)).rows as Row[];
      },
    });
    expect(health).toEqual({
      status: "error",
      configuration: "ok",
      database: "unreachable",
      migrations: { status: "unknown", onDisk: (await onDisk()).length },
      engine: "embedded",
    });
    expect(JSON.stringify(health)).not.toContain("s3cret");
    stop();
    expect(logged).toContainEqual(
      expect.objectContaining({
        area: "health",
        msg: expect.stringMatching(/^database check failed/),
      }),
    );
    expect(JSON.stringify(logged)).not.toContain("s3cret");
  });

  it("counts a database slower than the timeout as unreachable", async () => {
    const stop = captureLogs([]);
    const health = await check(client, {
      query: () => new Promise(() => {}), // never answers
      timeoutMs: 50,
    });
    stop();
    expect(health.database).toBe("unreachable");
  });

  it("is not ready with an invalid configuration, without repeating the message", async () => {
    const health = await check(client, {
      engine: () => {
        throw new EnvError("Invalid configuration:\n  NEXTAUTH_SECRET: is not set: …");
      },
    });
    expect(health).toEqual({ status: "error", configuration: "invalid" });
  });
});

describe("GET /api/health", () => {
  it("answers 200 on the run's migrated database", async () => {
    const { GET } = await import("@/app/api/health/route");
    const res = await GET();
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toMatchObject({
      status: "ok",
      database: "ok",
      migrations: { status: "current" },
      engine: "embedded",
    });
  });

  it("answers 503 once a due delivery nobody attempts has waited past HEALTH_MAX_QUEUE_LAG_SECONDS", async () => {
    const { GET } = await import("@/app/api/health/route");
    const { actor, org } = await createTestOwner();
    const webhook = await createTestWebhook(actor);
    const { deliveries } = await ingestTestEvent(org.id, { webhookId: webhook.id });
    const id = deliveries[0]!.id;
    const wait = (minutes: number, leased = false) =>
      db.delivery.update({
        where: { id },
        data: {
          nextAttemptAt: new Date(Date.now() - minutes * 60_000),
          leaseUntil: leased ? new Date(Date.now() + 60_000) : null,
        },
      });
    try {
      await wait(10); // under the default 15 minutes
      const fine = await GET();
      expect(fine.status).toBe(200);
      expect((await fine.json()).queue).toEqual({
        lagSeconds: expect.toSatisfy((s: number) => s >= 600 && s < 660),
        maxLagSeconds: 900,
      });

      await wait(20);
      const behind = await GET();
      expect(behind.status).toBe(503);
      expect(await behind.json()).toMatchObject({
        status: "error",
        database: "ok",
        migrations: { status: "current" },
        queue: { lagSeconds: expect.toSatisfy((s: number) => s >= 1200), maxLagSeconds: 900 },
      });

      // Being attempted right now (leased) is not waiting.
      await wait(20, true);
      expect((await GET()).status).toBe(200);
    } finally {
      await db.delivery.deleteMany({ where: { id } });
    }
  });

  it("answers 503 on a database with pending migrations", async () => {
    const empty = await createScratchDatabase();
    const globals = globalThis as unknown as { prisma?: { $disconnect(): Promise<void> } };
    const saved = { url: process.env.DATABASE_URL, prisma: globals.prisma };
    try {
      // A process configured for the empty database: fresh env module and Prisma client.
      process.env.DATABASE_URL = empty.url;
      globals.prisma = undefined;
      vi.resetModules();
      const { GET } = await import("@/app/api/health/route");
      const res = await GET();
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({
        status: "error",
        database: "ok",
        migrations: { status: "pending", applied: 0 },
      });
    } finally {
      await globals.prisma?.$disconnect();
      globals.prisma = saved.prisma;
      process.env.DATABASE_URL = saved.url;
      await empty.drop();
    }
  });
});
