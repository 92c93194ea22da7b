import "server-only";
import { createHash, randomUUID } from "node:crypto";

import { meetsConditions } from "@/lib/conditions/evaluate";
import type { Conditions } from "@/lib/conditions/schemas";
import type { EventData } from "@/lib/events/event-data";
import { db } from "@/lib/db/client";
import type { EventBody } from "@/lib/events/event-schema";

export const DUPLICATE_WINDOW_MS = 7 * 24 * 60 * 60_000;

export type IngestResult = {
  eventId: string;
  deliveries: { id: string; webhookId: string }[];
  duplicate: boolean;
};

type Source = "api" | "test" | "simulator";

/** A 64-bit advisory lock key for one (organization, external id): serialises duplicates. */
function lockKey(organizationId: string, externalId: string): bigint {
  return createHash("sha256").update(`${organizationId}\0${externalId}`).digest().readBigInt64BE(0);
}

const text = (section: unknown, key: string): string | null => {
  const value = (section as Record<string, unknown> | undefined)?.[key];
  return typeof value === "string" && value.length > 0 ? value.slice(0, 320) : null;
};

/** The tokens an event's customer e-mail is taken from, first present wins. */
export const CUSTOMER_EMAIL_TOKENS = [
  "chat.customer_email",
  "offline_message.customer_email",
  "visitor.email",
  "ticket.requester_email",
] as const;

/** What the delivery log can search an event by: its chat id and the customer's e-mail. */
export function searchFields(data: EventBody["data"]) {
  const email = CUSTOMER_EMAIL_TOKENS.map((path) => {
    const [section, key] = path.split(".") as [string, string];
    return text(data[section], key);
  }).find((value) => value !== null);
  return { chatId: text(data.chat, "session_id"), customerEmail: email?.toLowerCase() ?? null };
}

/**
 * The enabled webhooks of the event's type whose conditions the event does not meet (an index
 * lookup, evaluated here: conditions are never a regular expression). A test sent from one
 * webhook skips none: the admin asked for that webhook.
 */
async function unmetWebhooks(
  client: Pick<typeof db, "$queryRaw">,
  organizationId: string,
  body: EventBody,
  onlyWebhookId: string | null,
): Promise<string[]> {
  if (onlyWebhookId) return [];
  const conditional = await client.$queryRaw<{ id: string; conditions: Conditions }[]>`
    SELECT id, conditions FROM "Webhook"
    WHERE "organizationId" = ${organizationId} AND "eventType" = ${body.type} AND enabled
      AND conditions <> '[]'::jsonb`;
  const data = body.data as EventData;
  return conditional.filter((w) => !meetsConditions(w.conditions, data)).map((w) => w.id);
}

/**
 * The event and one delivery per matching enabled webhook, in ONE statement (so atomic):
 * Test deliveries for webhooks in Test mode, Live otherwise. Webhooks whose conditions the
 * event does not meet get none, and count it as skipped.
 */
async function insertEventAndDeliveries(
  client: Pick<typeof db, "$queryRaw">,
  organizationId: string,
  body: EventBody,
  source: Source,
  onlyWebhookId: string | null,
) {
  const skipped = await unmetWebhooks(client, organizationId, body, onlyWebhookId);
  const eventId = randomUUID();
  const now = new Date();
  const { chatId, customerEmail } = searchFields(body.data);
  const occurredAt = body.occurredAt ? new Date(body.occurredAt) : now;
  return client.$queryRaw<{ id: string; webhookId: string }[]>`
    WITH e AS (
      INSERT INTO "Event" (id, "organizationId", "externalId", type, "occurredAt", "receivedAt", data, source,
                           "chatId", "customerEmail")
      VALUES (${eventId}, ${organizationId}, ${body.id ?? null}, ${body.type}, ${occurredAt}, ${now},
              ${JSON.stringify(body.data)}::jsonb, ${source}, ${chatId}, ${customerEmail})
      RETURNING id
    ), skipped AS (
      UPDATE "Webhook" SET "skippedEvents" = "skippedEvents" + 1 WHERE id = ANY(${skipped}::text[])
    )
    INSERT INTO "Delivery" (id, "organizationId", "eventId", "webhookId", "eventType", mode, "nextAttemptAt", "createdAt", "updatedAt")
    SELECT gen_random_uuid()::text, ${organizationId}, (SELECT id FROM e), w.id, ${body.type},
           (CASE WHEN w."testMode" THEN 'TEST' ELSE 'LIVE' END)::"DeliveryMode", ${now}, ${now}, ${now}
    FROM "Webhook" w
    WHERE w."organizationId" = ${organizationId} AND w."eventType" = ${body.type} AND w.enabled
      AND (${onlyWebhookId}::text IS NULL OR w.id = ${onlyWebhookId})
      AND NOT (w.id = ANY(${skipped}::text[]))
    RETURNING id, "webhookId"`.then((deliveries) => ({ eventId, deliveries }));
}

/**
 * Stores an event and its deliveries. The same `id` within 7 days returns the first event and
 * creates nothing. The caller dispatches the deliveries after this returns (committed).
 */
export async function ingestEvent(
  organizationId: string,
  body: EventBody,
  source: Source,
  only?: { webhookId: string },
): Promise<IngestResult> {
  const onlyWebhookId = only?.webhookId ?? null;
  if (!body.id) {
    return {
      ...(await insertEventAndDeliveries(db, organizationId, body, source, onlyWebhookId)),
      duplicate: false,
    };
  }
  const externalId = body.id;
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${lockKey(organizationId, externalId)})`;
    const [first] = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "Event"
      WHERE "organizationId" = ${organizationId} AND "externalId" = ${externalId}
        AND "receivedAt" > ${new Date(Date.now() - DUPLICATE_WINDOW_MS)}
      ORDER BY "receivedAt" LIMIT 1`;
    if (first) return { eventId: first.id, deliveries: [], duplicate: true };
    return {
      ...(await insertEventAndDeliveries(tx, organizationId, body, source, onlyWebhookId)),
      duplicate: false,
    };
  });
}
