import "server-only";
import { createHash, randomUUID } from "node:crypto";

import { meetsConditions } from "@/lib/conditions/evaluate";
import type { Conditions } from "@/lib/conditions/schemas";
import type { EventData } from "@/lib/events/event-data";
import { db } from "@/lib/db/client";
import { groupCommit } from "@/lib/db/group-commit";
import type { EventBody } from "@/lib/events/event-body";
import {
  timerKey,
  timerMatchKey,
  typesAnsweredBy,
  typesOpenedBy,
  type TimeBasedType,
} from "@/lib/events/time-based";

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

export type Source = "api" | "test" | "simulator";
type Client = Pick<typeof db, "$queryRaw" | "$executeRaw">;

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

/** One new event as the insert statement reads it (jsonb_to_recordset). */
type NewEvent = {
  idx: number;
  id: string;
  externalId: string | null;
  type: string;
  /** Epoch milliseconds: JSON writes years past 9999 as "+010000-…", which PostgreSQL refuses. */
  occurredAtMs: number;
  data: EventBody["data"];
  chatId: string | null;
  customerEmail: string | null;
  timerKey: string | null;
  opens: TimeBasedType[];
  answers: TimeBasedType[];
  skipped: string[];
};

/**
 * Per event, the enabled webhooks of its type (or of a time-based type it opens) whose
 * conditions it does not meet: one index lookup for the whole batch, evaluated here
 * (conditions are never a regular expression). A test sent from one webhook skips none: the
 * admin asked for that webhook.
 */
async function unmetWebhooks(
  client: Client,
  organizationId: string,
  events: Omit<NewEvent, "skipped">[],
  onlyWebhookId: string | null,
): Promise<string[][]> {
  if (onlyWebhookId) return events.map(() => []);
  const types = [...new Set(events.flatMap((e) => [e.type, ...e.opens]))];
  const conditional = await client.$queryRaw<
    { id: string; eventType: string; conditions: Conditions }[]
  >`
    SELECT id, "eventType", conditions FROM "Webhook"
    WHERE "organizationId" = ${organizationId} AND enabled
      AND "eventType" = ANY(${types}::text[]) AND conditions <> '[]'::jsonb`;
  return events.map((e) =>
    conditional
      .filter(
        (w) =>
          (w.eventType === e.type || (e.opens as string[]).includes(w.eventType)) &&
          !meetsConditions(w.conditions, e.data as EventData),
      )
      .map((w) => w.id),
  );
}

type Row = { id: string; webhookId: string; eventId: string; dueAt: Date | null };

/**
 * The events and one delivery per matching enabled webhook each, in ONE statement (so
 * atomic): Test deliveries for webhooks in Test mode, Live otherwise. Webhooks whose
 * conditions an event does not meet get none, and count it as skipped. An opening event also
 * starts a timer per time-based webhook (at most one per webhook and chat or message, ever);
 * an answering event cancels the pending timers of its chat or message whose deadline has not
 * passed — including one an earlier event of the same batch would have started, which is
 * then not started.
 */
async function insertEvents(
  client: Client,
  organizationId: string,
  events: NewEvent[],
  source: Source,
  onlyWebhookId: string | null,
  now: Date,
): Promise<Row[]> {
  return client.$queryRaw<Row[]>`
    WITH i AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(events)}::jsonb) AS x(
        idx int, id text, "externalId" text, type text, "occurredAtMs" float8, data jsonb,
        "chatId" text, "customerEmail" text, "timerKey" text, opens text[], answers text[],
        skipped text[])
    ), e AS (
      INSERT INTO "Event" (id, "organizationId", "externalId", type, "occurredAt", "receivedAt", data, source,
                           "chatId", "customerEmail")
      SELECT id, ${organizationId}, "externalId", type,
             (to_timestamp("occurredAtMs" / 1000) AT TIME ZONE 'UTC')::timestamp(3), ${now}, data, ${source},
             "chatId", "customerEmail"
      FROM i
      RETURNING id
    ), skipped AS (
      UPDATE "Webhook" w SET "skippedEvents" = "skippedEvents" + s.n
      FROM (SELECT webhook, count(*)::int AS n FROM i, unnest(i.skipped) AS webhook GROUP BY webhook) s
      WHERE w.id = s.webhook
    ), timers AS (
      INSERT INTO "EventTimer" (id, "organizationId", "webhookId", key, "openingEventId", "dueAt", "createdAt", "updatedAt")
      SELECT gen_random_uuid()::text, ${organizationId}, w.id, i."timerKey", e.id,
             ${now}::timestamp + make_interval(secs => w."thresholdSeconds"), ${now}, ${now}
      FROM i JOIN e ON e.id = i.id
      JOIN "Webhook" w ON w."organizationId" = ${organizationId} AND w.enabled
        AND w."eventType" = ANY(i.opens) AND w."thresholdSeconds" IS NOT NULL
        AND NOT (w.id = ANY(i.skipped))
      WHERE i."timerKey" IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM i later WHERE later.idx > i.idx
                          AND later."timerKey" = i."timerKey" AND w."eventType" = ANY(later.answers))
      ON CONFLICT ("webhookId", key) DO NOTHING
      RETURNING id, "webhookId", "dueAt", "openingEventId"
    ), cancelled AS (
      UPDATE "EventTimer" t SET state = 'CANCELLED', "updatedAt" = ${now}
      FROM i, "Webhook" w
      WHERE i."timerKey" IS NOT NULL AND w.id = t."webhookId" AND t."organizationId" = ${organizationId}
        AND t.key = i."timerKey" AND t.state = 'PENDING' AND t."dueAt" > ${now}
        AND w."eventType" = ANY(i.answers)
    ), d AS (
      INSERT INTO "Delivery" (id, "organizationId", "eventId", "webhookId", "eventType", mode, "nextAttemptAt", "createdAt", "updatedAt")
      SELECT gen_random_uuid()::text, ${organizationId}, e.id, w.id, i.type,
             (CASE WHEN w."testMode" THEN 'TEST' ELSE 'LIVE' END)::"DeliveryMode", ${now}, ${now}, ${now}
      FROM i JOIN e ON e.id = i.id
      JOIN "Webhook" w ON w."organizationId" = ${organizationId} AND w."eventType" = i.type AND w.enabled
        AND (${onlyWebhookId}::text IS NULL OR w.id = ${onlyWebhookId})
        AND NOT (w.id = ANY(i.skipped))
      RETURNING id, "webhookId", "eventId"
    )
    SELECT id, "webhookId", "eventId", NULL::timestamp AS "dueAt" FROM d
    UNION ALL SELECT id, "webhookId", "openingEventId", "dueAt" FROM timers`;
}

/**
 * The first event of each external id received within the duplicate window, after locking
 * those ids (in one order, so concurrent batches cannot deadlock) until the transaction ends.
 */
async function lockAndFindFirsts(
  client: Client,
  organizationId: string,
  externalIds: string[],
  now: Date,
): Promise<Map<string, string>> {
  const keys = [...new Set(externalIds.map((id) => lockKey(organizationId, id)))].sort((a, b) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  await client.$executeRaw`
    SELECT pg_advisory_xact_lock(k)
    FROM (SELECT k FROM unnest(${keys.map(String)}::bigint[]) AS k ORDER BY k) AS ordered`;
  const firsts = await client.$queryRaw<{ externalId: string; id: string }[]>`
    SELECT DISTINCT ON ("externalId") "externalId", id FROM "Event"
    WHERE "organizationId" = ${organizationId} AND "externalId" = ANY(${externalIds}::text[])
      AND "receivedAt" > ${new Date(now.getTime() - DUPLICATE_WINDOW_MS)}
    ORDER BY "externalId", "receivedAt"`;
  return new Map(firsts.map((f) => [f.externalId, f.id]));
}

/**
 * Stores events and their deliveries, all or none. An `id` seen within 7 days — before, or
 * earlier in the same batch — gives that first event's id back as a duplicate and creates
 * nothing. Results come in the order of `bodies`. The caller dispatches the deliveries after
 * this returns (committed).
 */
export async function ingestEvents(
  organizationId: string,
  bodies: EventBody[],
  source: Source,
  only?: { webhookId: string },
): Promise<IngestResult[]> {
  const onlyWebhookId = only?.webhookId ?? null;
  const externalIds = [...new Set(bodies.flatMap((b) => (b.id ? [b.id] : [])))];
  const run = async (client: Client): Promise<IngestResult[]> => {
    const now = new Date();
    const firsts = externalIds.length
      ? await lockAndFindFirsts(client, organizationId, externalIds, now)
      : new Map<string, string>();
    const fresh: Omit<NewEvent, "skipped">[] = [];
    const results: (IngestResult | { firstOf: string })[] = bodies.map((body, idx) => {
      const first = body.id ? firsts.get(body.id) : undefined;
      if (first) return duplicateOf(first);
      const key = onlyWebhookId ? null : timerKey(body.type, body.data as EventData);
      const event = {
        idx,
        id: randomUUID(),
        externalId: body.id ?? null,
        type: body.type,
        occurredAtMs: (body.occurredAt ? new Date(body.occurredAt) : now).getTime(),
        data: body.data,
        ...searchFields(body.data),
        timerKey: key,
        opens: key ? typesOpenedBy(body.type) : [],
        answers: key ? typesAnsweredBy(body.type) : [],
      };
      if (body.id) firsts.set(body.id, event.id);
      fresh.push(event);
      return { firstOf: event.id };
    });
    if (fresh.length === 0) return results as IngestResult[];
    const skipped = await unmetWebhooks(client, organizationId, fresh, onlyWebhookId);
    const events = fresh.map((e, n) => ({ ...e, skipped: skipped[n]! }));
    const rows = await insertEvents(client, organizationId, events, source, onlyWebhookId, now);
    const byEvent = new Map<string, Row[]>();
    for (const row of rows) byEvent.set(row.eventId, [...(byEvent.get(row.eventId) ?? []), row]);
    const made = new Map(
      events.map((e) => [e.id, resultOf(organizationId, e, byEvent.get(e.id) ?? [])]),
    );
    return results.map((r) => ("firstOf" in r ? made.get(r.firstOf)! : r));
  };
  // Without ids there is nothing to serialise: the insert is one statement, atomic alone.
  return externalIds.length ? db.$transaction((tx) => run(tx)) : run(db);
}

function duplicateOf(eventId: string): IngestResult {
  return { eventId, deliveries: [], timers: [], answered: [], skipped: [], duplicate: true };
}

/** What one new event made: its deliveries, the timers it started, the timers it answers. */
function resultOf(organizationId: string, event: NewEvent, rows: Row[]): IngestResult {
  const [opened] = event.opens;
  const key = event.timerKey;
  return {
    eventId: event.id,
    deliveries: rows.filter((r) => !r.dueAt).map(({ id, webhookId }) => ({ id, webhookId })),
    timers: rows.flatMap(({ id, webhookId, dueAt }) =>
      dueAt && opened && key
        ? [{ id, webhookId, dueAt, matchKey: timerMatchKey(organizationId, opened, key) }]
        : [],
    ),
    answered: key ? event.answers.map((type) => timerMatchKey(organizationId, type, key)) : [],
    skipped: event.skipped,
    duplicate: false,
  };
}

type Single = {
  organizationId: string;
  body: EventBody;
  source: Source;
  onlyWebhookId: string | null;
};

/** Single events, many to a statement: one ingestEvents per organization (and source). */
const ingestQueued = groupCommit<Single, IngestResult>(
  (events) => {
    const [{ organizationId, source, onlyWebhookId }] = events as [Single];
    const only = onlyWebhookId ? { webhookId: onlyWebhookId } : undefined;
    return ingestEvents(
      organizationId,
      events.map((e) => e.body),
      source,
      only,
    );
  },
  // As many as a batch request holds.
  { max: 100, key: (e) => `${e.organizationId}\0${e.source}\0${e.onlyWebhookId ?? ""}` },
);

/**
 * Stores one event and its deliveries; resolves once committed. The events that arrive while
 * a statement is under way go together into the next one (lib/db/group-commit.ts).
 */
export function ingestEvent(
  organizationId: string,
  body: EventBody,
  source: Source,
  only?: { webhookId: string },
): Promise<IngestResult> {
  return ingestQueued({ organizationId, body, source, onlyWebhookId: only?.webhookId ?? null });
}
