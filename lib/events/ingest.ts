import "server-only";
import { createHash } from "node:crypto";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db/client";
import type { EventBody } from "@/lib/events/event-schema";

export const DUPLICATE_WINDOW_MS = 7 * 24 * 60 * 60_000;

export type IngestResult = {
  eventId: string;
  deliveries: { id: string; webhookId: string }[];
  duplicate: boolean;
};

/** A 64-bit advisory lock key for one (organization, external id): serialises duplicates. */
function lockKey(organizationId: string, externalId: string): bigint {
  return createHash("sha256").update(`${organizationId}\0${externalId}`).digest().readBigInt64BE(0);
}

/**
 * Stores an event and one delivery per matching enabled webhook, in one transaction — Test
 * deliveries for webhooks in Test mode, Live otherwise. The same `id` within 7 days returns
 * the first event and creates nothing. The caller dispatches the deliveries after commit.
 */
export async function ingestEvent(
  organizationId: string,
  body: EventBody,
  source: "api" | "test" | "simulator",
  only?: { webhookId: string },
): Promise<IngestResult> {
  return db.$transaction(async (tx) => {
    if (body.id) {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${lockKey(organizationId, body.id)})`;
      const first = await tx.event.findFirst({
        where: {
          organizationId,
          externalId: body.id,
          receivedAt: { gt: new Date(Date.now() - DUPLICATE_WINDOW_MS) },
        },
        select: { id: true },
        orderBy: { receivedAt: "asc" },
      });
      if (first) return { eventId: first.id, deliveries: [], duplicate: true };
    }
    const event = await tx.event.create({
      data: {
        organizationId,
        externalId: body.id ?? null,
        type: body.type,
        occurredAt: body.occurredAt ? new Date(body.occurredAt) : new Date(),
        data: body.data as Prisma.InputJsonObject,
        source,
      },
      select: { id: true },
    });
    const webhooks = await tx.webhook.findMany({
      where: {
        organizationId,
        eventType: body.type,
        enabled: true,
        ...(only && { id: only.webhookId }),
      },
      select: { id: true, testMode: true },
    });
    const now = new Date();
    const created = webhooks.length
      ? await tx.delivery.createManyAndReturn({
          data: webhooks.map((w) => ({
            organizationId,
            eventId: event.id,
            webhookId: w.id,
            mode: w.testMode ? ("TEST" as const) : ("LIVE" as const),
            nextAttemptAt: now,
          })),
          select: { id: true, webhookId: true },
        })
      : [];
    return { eventId: event.id, deliveries: created, duplicate: false };
  });
}
