import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/db/client";
import { isDatabaseUnavailable, retryWhileUnavailable } from "@/lib/db/unavailable";
import { withClient } from "@/lib/testing/db";
import { createTestOrg } from "@/lib/testing/fixtures";
import { waitFor } from "@/lib/testing/wait-for";

// Telling an outage from a bad query, with the errors the real client and server give.

const client = (connectionString: string) =>
  new PrismaClient({ adapter: new PrismaPg({ connectionString, connectionTimeoutMillis: 2000 }) });
const nobody = client("postgresql://postgres@127.0.0.1:1/none");
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail("expected the query to fail"),
    (error: unknown) => error,
  );

afterAll(async () => {
  await nobody.$disconnect();
  await db.$disconnect();
});

describe("isDatabaseUnavailable", () => {
  it("is true for a server that does not answer, model query or raw", async () => {
    expect(isDatabaseUnavailable(await failure(nobody.organization.count()))).toBe(true);
    expect(isDatabaseUnavailable(await failure(nobody.$queryRaw`SELECT 1`))).toBe(true);
  });

  it("is true for a session the server ends (shutdown, restart, pg_terminate_backend)", async () => {
    const victim = client(process.env.DATABASE_URL!);
    try {
      const sleeping = failure(victim.$queryRaw`SELECT pg_sleep(30), 'outage-probe'`);
      await withClient(process.env.DATABASE_URL!, async (admin) => {
        const pid = await waitFor(async () => {
          await admin.query("SELECT pg_stat_clear_snapshot()");
          const { rows } = await admin.query<{ pid: number }>(
            "SELECT pid FROM pg_stat_activity WHERE query LIKE '%outage-probe%' AND pid <> pg_backend_pid()",
          );
          return rows[0]?.pid;
        });
        await admin.query("SELECT pg_terminate_backend($1)", [pid]);
      });
      expect(isDatabaseUnavailable(await sleeping)).toBe(true);
    } finally {
      await victim.$disconnect();
    }
  });

  it("is false for a query the database refuses", async () => {
    const org = await createTestOrg();
    const duplicate = await failure(db.organization.create({ data: { id: org.id, name: "x" } }));
    expect(isDatabaseUnavailable(duplicate)).toBe(false);
    expect(isDatabaseUnavailable(await failure(db.$queryRaw`SELECT 1/0`))).toBe(false);
    expect(isDatabaseUnavailable(new Error("boom"))).toBe(false);
  });
});

describe("retryWhileUnavailable", () => {
  it("tries again through an outage, and gives up on anything else at once", async () => {
    let calls = 0;
    const value = await retryWhileUnavailable(async () => {
      calls++;
      if (calls < 3) await nobody.$queryRaw`SELECT 1`;
      return "stored";
    }, 10_000);
    expect({ value, calls }).toEqual({ value: "stored", calls: 3 });

    calls = 0;
    const refused = await failure(
      retryWhileUnavailable(() => {
        calls++;
        return db.$queryRaw`SELECT 1/0`;
      }, 10_000),
    );
    expect(isDatabaseUnavailable(refused)).toBe(false);
    expect(calls).toBe(1);
  });

  it("throws the outage once its time is up", async () => {
    const started = Date.now();
    const error = await failure(retryWhileUnavailable(() => nobody.$queryRaw`SELECT 1`, 1_000));
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
