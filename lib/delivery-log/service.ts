import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { dispatchDeliveries } from "@/lib/delivery/dispatch";
import { NotFoundError, UserError } from "@/lib/errors";
import type { DeliveryFilters } from "@/lib/delivery-log/schemas";
import { beyondCursor, decodeCursor, encodeCursor } from "@/lib/keyset";

// The delivery log: listing with keyset pagination, one delivery with its attempts,
// redelivery and recovery. Everything is scoped to the actor's organization.

export const PAGE_SIZE = 50;
/** Recovered deliveries are spread out at this rate, so a recovering receiver is not flooded. */
export const RECOVERY_PER_SECOND = 10;

/**
 * The events a search matches: an event id (ours or the sender's), a chat id, or a customer
 * e-mail — each an index lookup. Resolved first, so the delivery query is a plain `IN` rather
 * than a join PostgreSQL might run row by row over a large log.
 */
async function matchingEvents(actor: Actor, q: string): Promise<string[]> {
  const rows = await db.event.findMany({
    where: {
      organizationId: actor.organizationId,
      OR: [{ id: q }, { externalId: q }, { chatId: q }, { customerEmail: q.toLowerCase() }],
    },
    select: { id: true },
    orderBy: { receivedAt: "desc" },
    take: MAX_SEARCH_EVENTS,
  });
  return rows.map((r) => r.id);
}

/** A search matching more events than this shows the deliveries of the newest ones. */
const MAX_SEARCH_EVENTS = 1_000;

function where(actor: Actor, f: DeliveryFilters, eventIds?: string[]): Prisma.DeliveryWhereInput {
  const and: Prisma.DeliveryWhereInput[] = [{ organizationId: actor.organizationId }];
  if (f.webhook) and.push({ webhookId: f.webhook });
  if (f.eventType) and.push({ eventType: f.eventType });
  if (f.status) and.push({ status: f.status.toUpperCase() as "PENDING" });
  if (f.mode) and.push({ mode: f.mode.toUpperCase() as "TEST" });
  if (f.from) and.push({ createdAt: { gte: new Date(f.from) } });
  if (f.to) and.push({ createdAt: { lte: new Date(f.to) } });
  if (eventIds) and.push({ eventId: { in: eventIds } });
  const cursor = f.cursor && decodeCursor(f.cursor);
  if (cursor) and.push(beyondCursor(cursor));
  return { AND: and };
}

/** One page of the organization's deliveries, newest first; `next` is the cursor of the page after. */
export async function listDeliveries(actor: Actor, filters: DeliveryFilters) {
  assertCan(actor, "webhooks.read");
  const eventIds = filters.q ? await matchingEvents(actor, filters.q) : undefined;
  const rows = await db.delivery.findMany({
    where: where(actor, filters, eventIds),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: PAGE_SIZE + 1,
    select: {
      id: true,
      createdAt: true,
      eventType: true,
      mode: true,
      status: true,
      attemptCount: true,
      lastResponseStatus: true,
      lastDurationMs: true,
      lastAttemptAt: true,
      nextAttemptAt: true,
      lastError: true,
      webhook: { select: { id: true, name: true } },
    },
  });
  const page = rows.slice(0, PAGE_SIZE);
  const last = page.at(-1);
  return { rows: page, next: rows.length > PAGE_SIZE && last ? encodeCursor(last) : null };
}

export type DeliveryRow = Awaited<ReturnType<typeof listDeliveries>>["rows"][number];

/** One delivery with its event, webhook and every attempt (oldest first). */
export async function getDelivery(actor: Actor, id: string) {
  assertCan(actor, "webhooks.read");
  const delivery = await db.delivery.findFirst({
    where: { id, organizationId: actor.organizationId },
    include: {
      event: {
        select: { id: true, type: true, externalId: true, chatId: true, customerEmail: true },
      },
      webhook: {
        select: {
          id: true,
          name: true,
          url: true,
          enabled: true,
          testMode: true,
          timeoutMs: true,
          redactTokens: true,
        },
      },
      attempts: { orderBy: { number: "asc" } },
    },
  });
  if (!delivery) throw new NotFoundError("That delivery");
  return delivery;
}

/** A new attempt now, with the same webhook-id (the delivery's id). */
export async function redeliver(actor: Actor, id: string) {
  assertCan(actor, "webhooks.write");
  const delivery = await db.delivery.findFirst({
    where: { id, organizationId: actor.organizationId },
    select: {
      id: true,
      webhookId: true,
      eventType: true,
      webhook: { select: { enabled: true, name: true } },
    },
  });
  if (!delivery) throw new NotFoundError("That delivery");
  if (!delivery.webhook.enabled) {
    throw new UserError("This webhook is disabled: enable it first, then redeliver.");
  }
  await db.$transaction(async (tx) => {
    await tx.delivery.update({
      where: { id },
      data: { status: "PENDING", nextAttemptAt: new Date(), leaseUntil: null, completedAt: null },
    });
    await recordAudit(tx, actor, {
      action: "delivery.redelivered",
      target: {
        type: "delivery",
        id,
        label: `${delivery.eventType} → ${delivery.webhook.name}`,
      },
    });
  });
  await dispatchDeliveries([{ id: delivery.id, webhookId: delivery.webhookId }]);
  return { id };
}

async function recoverableWebhook(actor: Actor, webhookId: string) {
  const webhook = await db.webhook.findFirst({
    where: { id: webhookId, organizationId: actor.organizationId },
    select: { id: true, name: true, enabled: true },
  });
  if (!webhook) throw new NotFoundError("That webhook");
  return webhook;
}

/** How many failed deliveries of a webhook "Recover since …" would redeliver. */
export async function countRecoverable(actor: Actor, webhookId: string, since: Date) {
  assertCan(actor, "webhooks.read");
  await recoverableWebhook(actor, webhookId);
  return db.delivery.count({
    where: { webhookId, status: "FAILED", createdAt: { gte: since } },
  });
}

/**
 * Redelivers every failed delivery of a webhook created since `since`, oldest first, spread
 * at RECOVERY_PER_SECOND: each is scheduled, not sent at once, so either engine processes them
 * at a bounded rate.
 */
export async function recoverFailed(actor: Actor, webhookId: string, since: Date) {
  assertCan(actor, "webhooks.write");
  const webhook = await recoverableWebhook(actor, webhookId);
  if (!webhook.enabled) {
    throw new UserError("This webhook is disabled: enable it first, then recover.");
  }
  const now = new Date();
  const spacingMs = 1000 / RECOVERY_PER_SECOND;
  const rows = await db.$transaction(async (tx) => {
    const recovered = await tx.$queryRaw<{ id: string }[]>`
    WITH picked AS (
      SELECT id, row_number() OVER (ORDER BY "createdAt", id) - 1 AS n
      FROM "Delivery"
      WHERE "webhookId" = ${webhookId} AND status = 'FAILED' AND "createdAt" >= ${since}
    )
    UPDATE "Delivery" d
    SET status = 'PENDING', "nextAttemptAt" = ${now}::timestamp(3) + (p.n * ${spacingMs}) * interval '1 millisecond',
        "leaseUntil" = NULL, "completedAt" = NULL, "updatedAt" = ${now}
    FROM picked p WHERE d.id = p.id
    RETURNING d.id`;
    await recordAudit(tx, actor, {
      action: "delivery.recovered",
      target: { type: "webhook", id: webhookId, label: webhook.name },
      changes: [
        { field: "Failed since", from: null, to: since.toISOString() },
        { field: "Redelivered", from: null, to: String(recovered.length) },
      ],
    });
    return recovered;
  });
  await dispatchDeliveries(rows.map((r) => ({ id: r.id, webhookId })));
  return { count: rows.length };
}
