import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { functions, purgeExpiredData } from "@/lib/inngest/functions";
import { createHistory, DAY_MS, storedIds } from "@/lib/testing/history";
import { resetDatabase } from "@/lib/testing/db";
import { createTestOwner, createTestWebhook } from "@/lib/testing/fixtures";

// The retention purge on the Inngest engine, run by @inngest/test's engine (as
// lib/inngest/functions.int.test.ts runs the delivery functions) against the real database.

const calls = (mock: { mock: { calls: unknown[][] } }) => mock.mock.calls.map((c) => c[0]);

beforeEach(async () => {
  await resetDatabase();
});

afterAll(async () => {
  await resetDatabase();
});

describe("purgeExpiredData", () => {
  it("is an hourly cron, one run at a time, served with the other functions", () => {
    expect(purgeExpiredData.opts.triggers).toEqual([{ cron: "0 * * * *" }]);
    expect(purgeExpiredData.opts.concurrency).toEqual({ limit: 1 });
    expect(functions).toContain(purgeExpiredData);
  });

  it("purges expired rows in one step and returns the counts", async () => {
    const { org, actor } = await createTestOwner();
    const { id: webhookId } = await createTestWebhook(actor);
    const at = (days: number) => new Date(Date.now() - days * DAY_MS);
    await createHistory({ organizationId: org.id, webhookId, at: at(31), testEmails: true });
    const pending = await createHistory({
      organizationId: org.id,
      webhookId,
      at: at(40),
      status: "PENDING",
      attempts: [],
    });
    const recent = await createHistory({ organizationId: org.id, webhookId, at: at(29) });

    const { result, ctx, error } = await new InngestTestEngine({
      function: purgeExpiredData,
    }).execute();

    expect(error).toBeUndefined();
    expect(result).toEqual({ testEmails: 1, attempts: 1, deliveries: 1, events: 1 });
    expect(calls(ctx.step.run)).toEqual(["purge"]);
    const left = await storedIds();
    expect(left.deliveries).toEqual([pending.deliveryId, recent.deliveryId].sort());
    expect(left.attempts).toEqual(recent.attemptIds);
    expect(left.testEmails).toEqual([]);
    expect(await db.event.count()).toBe(2);
  });
});
