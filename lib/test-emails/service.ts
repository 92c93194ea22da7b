import "server-only";
import { assertGoLiveAllowed } from "@/lib/webhooks/policy";
import { recordAudit } from "@/lib/audit/record";
import { Prisma } from "@/generated/prisma/client";
import type { TestEmailStatus } from "@/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { NotFoundError, UserError } from "@/lib/errors";
import { getEventType } from "@/lib/events/catalog";
import { beyondCursor, type KeysetCursor } from "@/lib/keyset";

// The Test e-mails inbox: every e-mail a Test-mode delivery wrote (lib/delivery/attempt.ts),
// read back scoped by the actor's organization, and the switches between Test and Live mode.

const inOrg = (actor: Actor) => ({ organizationId: actor.organizationId });

// TestEmail has no relation of its own to its webhook; the attempt's delivery leads there.
const origin = {
  attempt: {
    select: {
      delivery: {
        select: {
          eventType: true,
          webhook: { select: { id: true, name: true, url: true, testMode: true, enabled: true } },
        },
      },
    },
  },
} satisfies Prisma.TestEmailSelect;

const summarySelect = {
  id: true,
  createdAt: true,
  recipients: true,
  subject: true,
  status: true,
  smtpResponse: true,
  ...origin,
} satisfies Prisma.TestEmailSelect;

export type TestEmailSummary = {
  id: string;
  createdAt: Date;
  webhook: { id: string; name: string };
  eventType: string;
  /** "Chat Closed". */
  eventTypeLabel: string;
  recipients: string[];
  subject: string;
  status: TestEmailStatus;
  smtpResponse: string | null;
};

export type TestEmailPage = {
  items: TestEmailSummary[];
  /** Cursor of the page after this one (older e-mails), or null on the last page. */
  older: KeysetCursor | null;
  /** Cursor of the page before this one (newer e-mails), or null on the first page. */
  newer: KeysetCursor | null;
};

type ListOptions = {
  webhookId?: string;
  /** The page starts after this row: older than it by default, newer with direction "newer". */
  cursor?: KeysetCursor;
  direction?: "older" | "newer";
  limit: number;
};

function toSummary(row: Prisma.TestEmailGetPayload<{ select: typeof summarySelect }>) {
  const { delivery } = row.attempt;
  return {
    id: row.id,
    createdAt: row.createdAt,
    webhook: { id: delivery.webhook.id, name: delivery.webhook.name },
    eventType: delivery.eventType,
    eventTypeLabel: getEventType(delivery.eventType)?.label ?? delivery.eventType,
    recipients: row.recipients,
    subject: row.subject,
    status: row.status,
    smtpResponse: row.smtpResponse,
  } satisfies TestEmailSummary;
}

/**
 * The organization's test e-mails, newest first, one page at a time. Keyset pagination on
 * (createdAt, id) — never OFFSET — so a page costs the same however deep it is, and rows
 * arriving meanwhile neither repeat nor skip one.
 */
export async function listTestEmails(
  actor: Actor,
  { webhookId, cursor, direction = "older", limit }: ListOptions,
): Promise<TestEmailPage> {
  assertCan(actor, "webhooks.read");
  const newer = direction === "newer";
  const beyond = newer ? "gt" : "lt";
  const rows = await db.testEmail.findMany({
    where: {
      ...inOrg(actor),
      ...(webhookId && { webhookId }),
      ...(cursor && beyondCursor(cursor, beyond)),
    },
    select: summarySelect,
    // Paging towards newer rows reads them oldest first, then turns the page around.
    orderBy: newer
      ? [{ createdAt: "asc" }, { id: "asc" }]
      : [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
  });
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  if (newer) page.reverse();
  const items = page.map(toSummary);
  const first = items[0];
  const last = items.at(-1);
  const key = (row: TestEmailSummary) => ({ createdAt: row.createdAt, id: row.id });
  return {
    items,
    // Coming from a newer page, the cursor row itself is proof that older rows exist.
    older: last && (newer ? cursor !== undefined : more) ? key(last) : null,
    newer: first && (newer ? more : cursor !== undefined) ? key(first) : null,
  };
}

export type TestEmailDetail = TestEmailSummary & {
  textBody: string;
  htmlBody: string;
  deliveryId: string;
  webhook: { id: string; name: string; url: string; testMode: boolean; enabled: boolean };
};

/** One test e-mail with both bodies and its webhook, or NotFoundError (also for another org's). */
export async function getTestEmail(actor: Actor, id: string): Promise<TestEmailDetail> {
  assertCan(actor, "webhooks.read");
  const row = await db.testEmail.findFirst({
    where: { id, ...inOrg(actor) },
    select: { ...summarySelect, textBody: true, htmlBody: true, deliveryId: true },
  });
  if (!row) throw new NotFoundError("That test e-mail");
  return {
    ...toSummary(row),
    textBody: row.textBody,
    htmlBody: row.htmlBody,
    deliveryId: row.deliveryId,
    webhook: row.attempt.delivery.webhook,
  };
}

/** The organization's webhooks for the inbox's filter, by name. */
export async function listWebhookChoices(actor: Actor) {
  assertCan(actor, "webhooks.read");
  return db.webhook.findMany({
    where: inOrg(actor),
    select: { id: true, name: true, testMode: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: 500,
  });
}

/** Switches a webhook from Test to Live mode: from now on it sends real HTTP requests. */
export async function goLive(actor: Actor, webhookId: string) {
  assertCan(actor, "webhooks.write");
  try {
    return await db.$transaction(async (tx) => {
      const where = { id: webhookId, ...inOrg(actor) };
      const before = await tx.webhook.findFirst({
        where,
        select: { url: true, testMode: true, verifiedUrl: true },
      });
      if (!before) throw new NotFoundError("That webhook");
      await assertGoLiveAllowed(tx, actor.organizationId, before, { ...before, testMode: false });
      const webhook = await tx.webhook.update({
        where,
        data: { testMode: false },
        select: { id: true, name: true, testMode: true },
      });
      await recordAudit(tx, actor, {
        action: "webhook.updated",
        target: { type: "webhook", id: webhook.id, label: webhook.name },
        changes: [{ field: "Test mode", from: "On", to: "Off" }],
      });
      return webhook;
    });
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2025") {
      throw new NotFoundError("That webhook");
    }
    throw e;
  }
}

/** Switches a live webhook back to Test mode: its deliveries are e-mailed again, not sent. */
export async function backToTestMode(actor: Actor, webhookId: string) {
  assertCan(actor, "webhooks.write");
  return db.$transaction(async (tx) => {
    const where = { id: webhookId, ...inOrg(actor) };
    const before = await tx.webhook.findFirst({
      where,
      select: { testMode: true, testEmails: true },
    });
    if (!before) throw new NotFoundError("That webhook");
    if (before.testEmails.length === 0)
      throw new UserError(
        "Test mode e-mails every payload, and this webhook has no test e-mail address: add one on its edit page (and turn Test mode on there).",
      );
    const webhook = await tx.webhook.update({
      where,
      data: { testMode: true },
      select: { id: true, name: true, testMode: true },
    });
    if (!before.testMode) {
      await recordAudit(tx, actor, {
        action: "webhook.updated",
        target: { type: "webhook", id: webhook.id, label: webhook.name },
        changes: [{ field: "Test mode", from: "Off", to: "On" }],
      });
    }
    return webhook;
  });
}
