import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAuditEntries } from "@/lib/audit/service";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { attemptDelivery } from "@/lib/delivery/attempt";
import { countCustomerData, eraseCustomerData } from "@/lib/erasure/service";
import { ForbiddenError, UserError } from "@/lib/errors";
import type { SampleData } from "@/lib/events/sample-data";
import { resetDatabase } from "@/lib/testing/db";
import {
  createTestActor,
  createTestOrg,
  createTestWebhook,
  ingestTestEvent,
  type TestOrg,
} from "@/lib/testing/fixtures";

// Erasure: an Owner deletes everything stored about one customer e-mail — events naming it
// anywhere, with their deliveries, attempts and test e-mails — after seeing the count.

const MARY = "mary.private@example.com";
let org: TestOrg;
let owner: Actor;
let otherOrg: TestOrg;

async function eventsFor(o: TestOrg, webhookId: string, patches: SampleData[]) {
  for (const patch of patches) {
    const { deliveries } = await ingestTestEvent(o.id, { webhookId, patch });
    for (const d of deliveries) await attemptDelivery(d.id);
  }
}

beforeAll(async () => {
  await resetDatabase();
  org = await createTestOrg();
  owner = await createTestActor(org, "OWNER");
  const test = await createTestWebhook(owner, { testMode: true, testEmails: "qa@example.com" });
  await eventsFor(org, test.id, [
    { chat: { customer_email: MARY } },
    // Upper case, and only in a pre-chat field.
    { chat: { customer_email: "bob@example.com", prechat_field_2: MARY.toUpperCase() } },
    { chat: { customer_email: `anne${MARY}` } },
    { chat: { customer_email: "bob@example.com" } },
  ]);
  otherOrg = await createTestOrg();
  const theirs = await createTestWebhook(await createTestActor(otherOrg, "OWNER"), {
    testMode: true,
    testEmails: "qa@example.com",
  });
  await eventsFor(otherOrg, theirs.id, [{ chat: { customer_email: MARY } }]);
});

afterAll(() => db.$disconnect());

const stored = async (organizationId: string) =>
  JSON.stringify([
    await db.event.findMany({ where: { organizationId } }),
    await db.deliveryAttempt.findMany({ where: { organizationId } }),
    await db.testEmail.findMany({ where: { organizationId } }),
  ]).toLowerCase();

describe("erasing a customer's data", () => {
  it("counts, then deletes exactly the events naming the address, with what came of them", async () => {
    const expected = { events: 2, deliveries: 2, attempts: 2, testEmails: 2 };
    expect(await countCustomerData(owner, ` ${MARY.toUpperCase()} `)).toEqual(expected);
    expect(await stored(org.id)).toContain(MARY);

    expect(await eraseCustomerData(owner, MARY)).toEqual(expected);

    expect(await stored(org.id)).not.toMatch(/[^a-z]mary\.private@example\.com/);
    expect(await db.event.count({ where: { organizationId: org.id } })).toBe(2);
    expect(await stored(org.id)).toContain(`anne${MARY}`);
    expect(await countCustomerData(owner, MARY)).toEqual({
      events: 0,
      deliveries: 0,
      attempts: 0,
      testEmails: 0,
    });
    // Another organization's data about the same person is theirs to erase.
    expect(await stored(otherOrg.id)).toContain(MARY);
  });

  it("leaves an audit entry that names the erasure but not the address", async () => {
    const [entry] = (await listAuditEntries(owner, { action: "customer.erased" })).rows;
    expect(entry).toMatchObject({
      actorLabel: owner.email,
      targetLabel: "m•••@example.com",
      changes: expect.arrayContaining([{ field: "Events", from: "2", to: "0" }]),
    });
    expect(JSON.stringify(await db.auditEntry.findMany())).not.toContain(MARY);
  });

  it("is for Owners only, and refuses what is not an e-mail address", async () => {
    const admin = await createTestActor(org, "ADMIN");
    await expect(countCustomerData(admin, MARY)).rejects.toThrow(ForbiddenError);
    await expect(eraseCustomerData(admin, MARY)).rejects.toThrow(ForbiddenError);
    await expect(eraseCustomerData(owner, "mary")).rejects.toThrow(UserError);
    await expect(eraseCustomerData(owner, "%@example.com")).rejects.toThrow(UserError);
  });
});
