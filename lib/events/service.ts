import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { NotFoundError, UserError } from "@/lib/errors";
import { isEventTypeKey, type EventTypeKey } from "@/lib/events/catalog";
import { describeIssues, eventBodySchema } from "@/lib/events/event-body";
import { acceptEvent } from "@/lib/events/accept";
import type { IngestResult } from "@/lib/events/ingest";
import { sampleData } from "@/lib/events/sample-data";

// Events sent from the Admin Panel: a webhook's Send test event, and the Event simulator.
// Both go through the same ingest as the API.

/** Sample data for a webhook's event type, delivered to that webhook only. */
export async function sendTestEvent(actor: Actor, webhookId: string) {
  assertCan(actor, "events.send");
  const webhook = await db.webhook.findFirst({
    where: { id: webhookId, organizationId: actor.organizationId },
    select: { eventType: true, enabled: true },
  });
  if (!webhook) throw new NotFoundError("That webhook");
  if (!webhook.enabled)
    throw new UserError("This webhook is disabled: enable it to send a test event.");
  if (!isEventTypeKey(webhook.eventType))
    throw new UserError("This webhook's event type is not known any more.");
  const result = await acceptEvent(
    actor.organizationId,
    { type: webhook.eventType, data: sampleData(webhook.eventType) },
    "test",
    { webhookId },
  );
  return { eventId: result.eventId, deliveryIds: result.deliveries.map((d) => d.id) };
}

/** An event of any type with edited data, delivered to every matching webhook. */
export async function simulateEvent(actor: Actor, type: EventTypeKey, dataJson: string) {
  assertCan(actor, "events.send");
  let data: unknown;
  try {
    data = JSON.parse(dataJson);
  } catch (e) {
    throw new UserError(
      `The event data is not valid JSON: ${e instanceof Error ? e.message : "parse error"}.`,
    );
  }
  const parsed = eventBodySchema.safeParse({ type, data });
  if (!parsed.success) {
    const issues = describeIssues(parsed.error).map((i) => `${i.path} ${i.message}`);
    throw new UserError(`The event data is not valid: ${issues.slice(0, 5).join("; ")}.`);
  }
  const result = await acceptEvent(actor.organizationId, parsed.data, "simulator");
  return { ...(await describeFanOut(actor, result)), receivedAt: new Date().toISOString() };
}

/**
 * What the fan-out did for each webhook the event concerned: a delivery (followed live with
 * deliveryOutcomes), skipped by its conditions (evaluated at ingest), or a timer started for
 * a time-based webhook (it fires at `dueAt` unless the answering event comes first).
 */
async function describeFanOut(actor: Actor, result: IngestResult) {
  const ids = [...result.skipped, ...result.timers.map((t) => t.webhookId)];
  const webhooks = await db.webhook.findMany({
    where: { id: { in: ids }, organizationId: actor.organizationId },
    select: { id: true, name: true, eventType: true },
  });
  const byId = new Map(webhooks.map((w) => [w.id, w]));
  const named = (id: string) => byId.get(id) ?? { id, name: "A deleted webhook", eventType: "" };
  return {
    eventId: result.eventId,
    deliveryIds: result.deliveries.map((d) => d.id),
    skipped: result.skipped.map(named).sort((x, y) => x.name.localeCompare(y.name)),
    timers: result.timers.map((t) => ({ ...named(t.webhookId), dueAt: t.dueAt.toISOString() })),
  };
}

export type FanOut = Awaited<ReturnType<typeof describeFanOut>>;

/** The current state of some deliveries of the actor's organization, for live outcomes. */
export async function deliveryOutcomes(actor: Actor, ids: string[]) {
  assertCan(actor, "webhooks.read");
  // Prisma reads the relations with separate queries: one snapshot for all of them, or an
  // attempt recorded between two reads shows a pending delivery beside its finished attempt
  // ("Attempt 1 failed (error)", after which the dialog stops polling).
  const rows = await db.$transaction(
    (tx) =>
      tx.delivery.findMany({
        where: { id: { in: ids }, organizationId: actor.organizationId },
        select: {
          id: true,
          webhookId: true,
          mode: true,
          status: true,
          attemptCount: true,
          nextAttemptAt: true,
          webhook: { select: { name: true } },
          attempts: {
            orderBy: { number: "desc" },
            take: 1,
            select: {
              number: true,
              outcome: true,
              responseStatus: true,
              errorClass: true,
              errorMessage: true,
              durationMs: true,
              // A Test-mode attempt's e-mail: SENT over SMTP_URL, or STORED_ONLY in the app.
              testEmail: { select: { id: true, status: true } },
            },
          },
        },
      }),
    { isolationLevel: "RepeatableRead" },
  );
  return rows.map(({ attempts, webhook, ...d }) => ({
    ...d,
    webhookName: webhook.name,
    lastAttempt: attempts[0] ?? null,
  }));
}

export type DeliveryOutcome = Awaited<ReturnType<typeof deliveryOutcomes>>[number];
