import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { backtestConditions } from "@/lib/conditions/backtest";
import type { Conditions } from "@/lib/conditions/schemas";
import { db } from "@/lib/db/client";
import { resetDatabase } from "@/lib/testing/db";
import {
  createTestActor,
  createTestOrg,
  createTestWebhook,
  ingestTestEvent,
  webhookFormDefaults,
  type TestOrg,
} from "@/lib/testing/fixtures";
import { createWebhookSchema } from "@/lib/webhooks/schemas";
import { getWebhook } from "@/lib/webhooks/service";

// Conditions at fan-out: an event that does not meet a webhook's conditions makes no delivery
// for it, and the webhook counts it as skipped; the backtest runs conditions over stored events.

const dept = (value: string): Conditions => [
  { rules: [{ token: "customer.department_id", operator: "equals", value }] },
];
const event = (department: string, country = "United States") => ({
  patch: { customer: { department_id: department, country } },
});

let org: TestOrg;
let owner: Actor;

beforeAll(async () => {
  await resetDatabase();
  org = await createTestOrg();
  owner = await createTestActor(org, "OWNER");
});
afterAll(() => db.$disconnect());

const deliveredTo = async (department: string, country?: string) =>
  (await ingestTestEvent(org.id, event(department, country))).deliveries.map((d) => d.webhookId);

describe("conditions at fan-out", () => {
  it("deliver only the events that meet them, and count the rest as skipped", async () => {
    const sales = await createTestWebhook(owner, { name: "Sales", conditions: dept("4") });
    const all = await createTestWebhook(owner, { name: "Everything" });
    // Department 7, OR any event from Canada.
    const either = await createTestWebhook(owner, {
      name: "Either",
      conditions: [
        ...dept("7"),
        { rules: [{ token: "customer.country", operator: "equals", value: "canada" }] },
      ],
    });

    expect((await deliveredTo("4")).sort()).toEqual([sales.id, all.id].sort());
    expect((await deliveredTo("5")).sort()).toEqual([all.id].sort());
    expect((await deliveredTo("7")).sort()).toEqual([all.id, either.id].sort());
    expect((await deliveredTo("5", "Canada")).sort()).toEqual([all.id, either.id].sort());

    expect((await getWebhook(owner, sales.id)).skippedEvents).toBe(3);
    expect((await getWebhook(owner, all.id)).skippedEvents).toBe(0);
    expect((await getWebhook(owner, either.id)).skippedEvents).toBe(2);
  });

  it("name the webhooks they skipped, for the Event simulator's result", async () => {
    // chat.opened, so the backtest below still sees only this file's chat.closed events.
    const picky = await createTestWebhook(owner, {
      name: "Picky",
      eventType: "chat.opened",
      conditions: dept("nope"),
    });
    const { skipped, deliveries } = await ingestTestEvent(org.id, {
      type: "chat.opened",
      ...event("4"),
    });
    expect(skipped).toContain(picky.id);
    expect(deliveries.map((d) => d.webhookId)).not.toContain(picky.id);
    // Every skipped webhook is one of the org's with conditions the event did not meet.
    const named = await db.webhook.findMany({ where: { id: { in: skipped } } });
    expect(named.every((w) => (w.conditions as unknown[]).length > 0)).toBe(true);
  });

  it("do not stop a test sent from the webhook itself", async () => {
    const { id } = await createTestWebhook(owner, { conditions: dept("99") });
    const { deliveries } = await ingestTestEvent(org.id, { ...event("1"), webhookId: id });
    expect(deliveries.map((d) => d.webhookId)).toEqual([id]);
  });

  it("are checked on save: tokens of the event type, and a value where one is compared", () => {
    const errors = (conditions: unknown) =>
      createWebhookSchema
        .safeParse({ ...webhookFormDefaults, conditions })
        .error?.issues.map((i) => [i.path.join("."), i.message]);
    expect(errors(dept("4"))).toBeUndefined();
    expect(
      errors([
        {
          rules: [
            { token: "ticket.requester_email", operator: "equals", value: "x" },
            { token: "customer.country", operator: "contains", value: " " },
            { token: "chat.rating", operator: "greater_than", value: "high" },
            { token: "customer.country", operator: "is_empty", value: "" },
          ],
        },
      ]),
    ).toEqual([
      ["conditions.0.rules.0.token", "Choose a token of this event type."],
      ["conditions.0.rules.1.value", "Enter the value to compare with."],
      ["conditions.0.rules.2.token", "Choose a token of this event type."],
      ["conditions.0.rules.2.value", "Enter a number or a date to compare with."],
    ]);
    expect(
      errors([{ rules: [{ token: "customer.country", operator: "matches", value: ".*" }] }]),
    ).toHaveLength(1);
  });
});

describe("backtest", () => {
  it("counts the organization's recent events of the type that would have fired", async () => {
    const other = await createTestActor(await createTestOrg(), "OWNER");
    await ingestTestEvent(other.organizationId, event("4"));
    await ingestTestEvent(org.id, { type: "chat.opened", ...event("4") });

    const result = await backtestConditions(owner, {
      eventType: "chat.closed",
      conditions: dept("4"),
    });

    // This file's chat.closed events so far: departments 4, 5, 7, 5 and 1.
    expect(result.total).toBe(5);
    expect(result.matched).toHaveLength(1);
    expect(
      (await backtestConditions(owner, { eventType: "chat.closed", conditions: [] })).matched,
    ).toHaveLength(5);
    const viewer = await createTestActor(org, "VIEWER");
    expect(
      (await backtestConditions(viewer, { eventType: "chat.closed", conditions: dept("5") }))
        .matched,
    ).toHaveLength(2);
  });
});
