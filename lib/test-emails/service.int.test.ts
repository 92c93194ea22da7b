import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { attemptDelivery } from "@/lib/delivery/attempt";
import { STORED_ONLY_RESPONSE } from "@/lib/outbound/mailer";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import type { EventTypeKey } from "@/lib/events/catalog";
import { resetDatabase } from "@/lib/testing/db";
import {
  createTestActor,
  createTestOwner,
  createTestWebhook,
  ingestTestEvent,
  type TestOrg,
} from "@/lib/testing/fixtures";
import type { KeysetCursor } from "@/lib/keyset";
import { getTestEmail, goLive, listTestEmails } from "@/lib/test-emails/service";

// The Test e-mails inbox over real rows: each e-mail is written by attemptDelivery for a
// Test-mode webhook, as in production (no SMTP_URL here, so they are STORED_ONLY).

beforeAll(async () => {
  // Before anything reads env(), which caches it for this file.
  delete process.env.SMTP_URL;
  await resetDatabase();
});

afterAll(async () => {
  await db.$disconnect();
});

type Tenant = { org: TestOrg; actor: Actor };

async function testModeWebhook(
  { actor }: Tenant,
  name: string,
  eventType: EventTypeKey = "chat.closed",
) {
  const { id } = await createTestWebhook(actor, {
    name,
    eventType,
    testMode: true,
    testEmails: "qa@example.com, ops@example.com",
  });
  return { id, eventType };
}

/** Delivers one event to a Test-mode webhook; its TestEmail gets `createdAt` when given. */
async function deliverEmail(
  { org }: Tenant,
  webhook: { id: string; eventType: EventTypeKey },
  createdAt?: Date,
) {
  const { deliveries } = await ingestTestEvent(org.id, {
    type: webhook.eventType,
    webhookId: webhook.id,
  });
  expect(deliveries).toHaveLength(1);
  expect(await attemptDelivery(deliveries[0]!.id)).toMatchObject({ status: "succeeded" });
  const email = await db.testEmail.findFirstOrThrow({
    where: { deliveryId: deliveries[0]!.id },
    select: { id: true },
  });
  if (createdAt) await db.testEmail.update({ where: { id: email.id }, data: { createdAt } });
  return email.id;
}

const at = (seconds: number) => new Date(Date.UTC(2026, 10, 22, 10, 0, seconds));

/** Every page, following `older` cursors from the newest, then `newer` cursors back. */
async function walk(actor: Actor, limit: number, webhookId?: string) {
  const forward: string[][] = [];
  let cursor: KeysetCursor | undefined;
  let last;
  do {
    last = await listTestEmails(actor, { webhookId, cursor, limit });
    expect(last.items.length).toBeLessThanOrEqual(limit);
    forward.push(last.items.map((e) => e.id));
    cursor = last.older ?? undefined;
  } while (cursor);
  const backward: string[][] = [forward.at(-1)!];
  for (let c = last.newer; c;) {
    const page = await listTestEmails(actor, { webhookId, cursor: c, direction: "newer", limit });
    backward.unshift(page.items.map((e) => e.id));
    c = page.newer;
  }
  return { forward, backward };
}

describe("listTestEmails", () => {
  it("lists the organization's e-mails newest first, with webhook, event type, recipients and status", async () => {
    const mine = await createTestOwner();
    const other = await createTestOwner();
    const crm = await testModeWebhook(mine, "CRM sync");
    const tickets = await testModeWebhook(mine, "Tickets", "chat.opened");
    const oldest = await deliverEmail(mine, crm, at(1));
    const middle = await deliverEmail(mine, tickets, at(2));
    const newest = await deliverEmail(mine, crm, at(3));
    const theirs = await deliverEmail(other, await testModeWebhook(other, "Theirs"), at(4));

    const page = await listTestEmails(mine.actor, { limit: 10 });

    expect(page.items.map((e) => e.id)).toEqual([newest, middle, oldest]);
    expect(page.items[1]).toEqual({
      id: middle,
      createdAt: at(2),
      webhook: { id: tickets.id, name: "Tickets" },
      eventType: "chat.opened",
      eventTypeLabel: "Chat Opened",
      recipients: ["qa@example.com", "ops@example.com"],
      subject: "[Test] Chat Opened → Tickets",
      status: "STORED_ONLY",
      smtpResponse: STORED_ONLY_RESPONSE,
    });
    expect(page).toMatchObject({ older: null, newer: null });
    const theirPage = await listTestEmails(other.actor, { limit: 10 });
    expect(theirPage.items.map((e) => e.id)).toEqual([theirs]);
  });

  it("filters by webhook, and another organization's webhook id finds nothing", async () => {
    const mine = await createTestOwner();
    const other = await createTestOwner();
    const crm = await testModeWebhook(mine, "CRM sync");
    const tickets = await testModeWebhook(mine, "Tickets");
    const first = await deliverEmail(mine, crm, at(1));
    await deliverEmail(mine, tickets, at(2));
    const second = await deliverEmail(mine, crm, at(3));
    const theirs = await testModeWebhook(other, "Theirs");
    await deliverEmail(other, theirs);

    const page = await listTestEmails(mine.actor, { webhookId: crm.id, limit: 10 });

    expect(page.items.map((e) => e.id)).toEqual([second, first]);
    const foreign = await listTestEmails(mine.actor, { webhookId: theirs.id, limit: 10 });
    expect(foreign.items).toEqual([]);
  });

  it("pages with keyset cursors: every row exactly once, both ways, ties broken by id", async () => {
    const tenant = await createTestOwner();
    const crm = await testModeWebhook(tenant, "CRM sync");
    // Three of the seven share one timestamp, so a page boundary falls among equal times.
    const seconds = [1, 2, 3, 3, 3, 4, 5];
    for (const s of seconds) await deliverEmail(tenant, crm, at(s));
    const all = (await listTestEmails(tenant.actor, { limit: 100 })).items;
    expect(all).toHaveLength(7);
    const times = all.map((e) => e.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));

    const { forward, backward } = await walk(tenant.actor, 2);

    expect(forward.map((p) => p.length)).toEqual([2, 2, 2, 1]);
    expect(forward.flat()).toEqual(all.map((e) => e.id));
    expect(backward).toEqual(forward);
  });

  it("keeps paging where it was when a newer e-mail arrives between pages", async () => {
    const tenant = await createTestOwner();
    const crm = await testModeWebhook(tenant, "CRM sync");
    for (const s of [1, 2, 3, 4]) await deliverEmail(tenant, crm, at(s));
    const first = await listTestEmails(tenant.actor, { limit: 2 });

    const arrived = await deliverEmail(tenant, crm, at(10));
    const second = await listTestEmails(tenant.actor, { cursor: first.older!, limit: 2 });

    // With OFFSET 2 the new e-mail would push a row of the first page onto this one.
    const seen = [...first.items, ...second.items].map((e) => e.createdAt);
    expect(seen).toEqual([at(4), at(3), at(2), at(1)]);
    expect(second.older).toBeNull();
    const back = await listTestEmails(tenant.actor, {
      cursor: second.newer!,
      direction: "newer",
      limit: 2,
    });
    expect(back.items.map((e) => e.createdAt)).toEqual([at(4), at(3)]);
    expect(back.newer).not.toBeNull();
    const top = await listTestEmails(tenant.actor, {
      cursor: back.newer!,
      direction: "newer",
      limit: 2,
    });
    expect(top.items.map((e) => e.id)).toEqual([arrived]);
    expect(top.newer).toBeNull();
  });
});

describe("getTestEmail", () => {
  it("returns both bodies, the delivery and the webhook, to any member", async () => {
    const tenant = await createTestOwner();
    const viewer = await createTestActor(tenant.org, "VIEWER");
    const crm = await testModeWebhook(tenant, "CRM sync");
    const id = await deliverEmail(tenant, crm);

    const email = await getTestEmail(viewer, id);

    const stored = await db.testEmail.findUniqueOrThrow({ where: { id } });
    expect(email).toMatchObject({
      id,
      subject: "[Test] Chat Closed → CRM sync",
      textBody: stored.textBody,
      htmlBody: stored.htmlBody,
      deliveryId: stored.deliveryId,
      status: "STORED_ONLY",
      webhook: {
        id: crm.id,
        name: "CRM sync",
        url: "https://receiver.example.com/hooks",
        testMode: true,
        enabled: true,
      },
    });
    expect(email.textBody).toContain("POST https://receiver.example.com/hooks");
    expect(email.htmlBody).toMatch(/^<!DOCTYPE html>/);
  });

  it("refuses another organization's e-mail as not found", async () => {
    const mine = await createTestOwner();
    const other = await createTestOwner();
    const theirs = await deliverEmail(other, await testModeWebhook(other, "Theirs"));

    await expect(getTestEmail(mine.actor, theirs)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getTestEmail(mine.actor, "no-such-id")).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("goLive", () => {
  const testMode = (id: string) =>
    db.webhook.findUniqueOrThrow({ where: { id }, select: { testMode: true } });

  it("switches the webhook to Live mode", async () => {
    const tenant = await createTestOwner();
    const admin = await createTestActor(tenant.org, "ADMIN");
    const crm = await testModeWebhook(tenant, "CRM sync");

    expect(await goLive(admin, crm.id)).toEqual({ id: crm.id, name: "CRM sync", testMode: false });

    expect(await testMode(crm.id)).toEqual({ testMode: false });
  });

  it("is refused to a Viewer, and the webhook stays in Test mode", async () => {
    const tenant = await createTestOwner();
    const viewer = await createTestActor(tenant.org, "VIEWER");
    const crm = await testModeWebhook(tenant, "CRM sync");

    await expect(goLive(viewer, crm.id)).rejects.toBeInstanceOf(ForbiddenError);

    expect(await testMode(crm.id)).toEqual({ testMode: true });
  });

  it("treats another organization's webhook as not found, and leaves it in Test mode", async () => {
    const mine = await createTestOwner();
    const other = await createTestOwner();
    const theirs = await testModeWebhook(other, "Theirs");

    await expect(goLive(mine.actor, theirs.id)).rejects.toBeInstanceOf(NotFoundError);

    expect(await testMode(theirs.id)).toEqual({ testMode: true });
  });
});
