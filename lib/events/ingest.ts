import "server-only";
import { createHash, randomUUID } from "node:crypto";

import { meetsConditions } from "@/lib/conditions/evaluate";
import type { Conditions } from "@/lib/conditions/schemas";
import type { EventData } from "@/lib/events/event-data";
import { db } from "@/lib/db/client";
import type { EventBody } from "@/lib/events/event-schema";
import { timerKey, timerMatchKey, typesAnsweredBy, typesOpenedBy } from "@/lib/events/time-based";

export const DUPLICATE_WINDOW_MS = 7 * 24 * 60 * 60_000;

/** A time-based webhook's timer started by an opening event (lib/events/time-based.ts). */
export type StartedTimer = { id: string; webhookId: string; dueAt: Date; matchKey: string };

export type IngestResult = {
  eventId: string;
  deliveries: { id: string; webhookId: string }[];
  /** Timers this event started. */
  timers: StartedTimer[];
  /** Match keys (timerMatchKey) of the timers this event answers, pending or not. */
  answered: string[];
  /** Webhooks whose conditions the event did not meet: no delivery, no timer. */
  skipped: string[];
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
 * The enabled webhooks of the event's type (or of a time-based type it opens) whose conditions the event does not meet (an index
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
    WHERE "organizationId" = ${organizationId} AND enabled
      AND "eventType" = ANY(${[body.type, ...typesOpenedBy(body.type)]}::text[])
      AND conditions <> '[]'::jsonb`;
  const data = body.data as EventData;
  return conditional.filter((w) => !meetsConditions(w.conditions, data)).map((w) => w.id);
}

/**
 * The event and one delivery per matching enabled webhook, in ONE statement (so atomic):
 * Test deliveries for webhooks in Test mode, Live otherwise. Webhooks whose conditions the
 * event does not meet get none, and count it as skipped. An opening event also starts a timer
 * per time-based webhook (at most one per webhook and chat or message, ever); an answering
 * event cancels the pending timers of its chat or message whose deadline has not passed.
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
  const key = onlyWebhookId ? null : timerKey(body.type, body.data as EventData);
  const answered = key ? typesAnsweredBy(body.type) : [];
  const rows = await client.$queryRaw<Row[]>`
    WITH e AS (
      INSERT INTO "Event" (id, "organizationId", "externalId", type, "occurredAt", "receivedAt", data, source,
                           "chatId", "customerEmail")
      VALUES (${eventId}, ${organizationId}, ${body.id ?? null}, ${body.type}, ${occurredAt}, ${now},
              ${JSON.stringify(body.data)}::jsonb, ${source}, ${chatId}, ${customerEmail})
      RETURNING id
    ), skipped AS (
      UPDATE "Webhook" SET "skippedEvents" = "skippedEvents" + 1 WHERE id = ANY(${skipped}::text[])
    ), timers AS (
      INSERT INTO "EventTimer" (id, "organizationId", "webhookId", key, "openingEventId", "dueAt", "createdAt", "updatedAt")
      SELECT gen_random_uuid()::text, ${organizationId}, w.id, ${key}, (SELECT id FROM e),
             ${now}::timestamp + make_interval(secs => w."thresholdSeconds"), ${now}, ${now}
      FROM "Webhook" w
      WHERE ${key}::text IS NOT NULL AND w."organizationId" = ${organizationId} AND w.enabled
        AND w."eventType" = ANY(${typesOpenedBy(body.type)}::text[]) AND w."thresholdSeconds" IS NOT NULL
        AND NOT (w.id = ANY(${skipped}::text[]))
      ON CONFLICT ("webhookId", key) DO NOTHING
      RETURNING id, "webhookId", "dueAt"
    ), cancelled AS (
      UPDATE "EventTimer" t SET state = 'CANCELLED', "updatedAt" = ${now}
      FROM "Webhook" w
      WHERE w.id = t."webhookId" AND t."organizationId" = ${organizationId} AND t.key = ${key}
        AND t.state = 'PENDING' AND t."dueAt" > ${now} AND w."eventType" = ANY(${answered}::text[])
    ), d AS (
      INSERT INTO "Delivery" (id, "organizationId", "eventId", "webhookId", "eventType", mode, "nextAttemptAt", "createdAt", "updatedAt")
    SELECT gen_random_uuid()::text, ${organizationId}, (SELECT id FROM e), w.id, ${body.type},
           (CASE WHEN w."testMode" THEN 'TEST' ELSE 'LIVE' END)::"DeliveryMode", ${now}, ${now}, ${now}
    FROM "Webhook" w
    WHERE w."organizationId" = ${organizationId} AND w."eventType" = ${body.type} AND w.enabled
      AND (${onlyWebhookId}::text IS NULL OR w.id = ${onlyWebhookId})
      AND NOT (w.id = ANY(${skipped}::text[]))
      RETURNING id, "webhookId"
    )
    SELECT id, "webhookId", NULL::timestamp AS "dueAt" FROM d
    UNION ALL SELECT id, "webhookId", "dueAt" FROM timers`;
  const [opened] = typesOpenedBy(body.type);
  return {
    eventId,
    deliveries: rows.filter((r) => !r.dueAt).map(({ id, webhookId }) => ({ id, webhookId })),
    timers: rows.flatMap(({ id, webhookId, dueAt }) =>
      dueAt && opened && key
        ? [{ id, webhookId, dueAt, matchKey: timerMatchKey(organizationId, opened, key) }]
        : [],
    ),
    answered: answered.map((type) => timerMatchKey(organizationId, type, key!)),
    skipped,
  };
}

type Row = { id: string; webhookId: string; dueAt: Date | null };

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
    if (first)
      return {
        eventId: first.id,
        deliveries: [],
        timers: [],
        answered: [],
        skipped: [],
        duplicate: true,
      };
    return {
      ...(await insertEventAndDeliveries(tx, organizationId, body, source, onlyWebhookId)),
      duplicate: false,
    };
  });
}
