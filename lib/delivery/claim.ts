import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db/client";
import type { RetryPolicy } from "@/lib/delivery/schedule";
import type { RequestSpec } from "@/lib/payload/request";

// Claiming a delivery's next attempt: the attempt number is taken atomically (so numbers stay
// unique even when two jobs race) and everything signing and sending needs is loaded in the
// same statement — the only place secrets are selected.

export type ClaimedDelivery = {
  id: string;
  organizationId: string;
  webhookId: string;
  mode: "TEST" | "LIVE";
  createdAt: Date;
  /** The number of the attempt now claimed. */
  attemptCount: number;
  event: { id: string; type: string; occurredAt: Date; data: unknown };
  webhook: {
    name: string;
    eventType: string;
    verb: string;
    url: string;
    headers: unknown;
    payloadFormat: RequestSpec["payloadFormat"];
    payloadTemplate: string;
    authType: string;
    authUsername: string | null;
    authHeaderName: string | null;
    authCredentialsEnc: string | null;
    oauthTokenUrl: string | null;
    oauthClientId: string | null;
    oauthScope: string | null;
    tlsClientCertPem: string | null;
    tlsClientKeyEnc: string | null;
    tlsCaPem: string | null;
    signingSecretEnc: string;
    previousSigningSecretEnc: string | null;
    secretRotatedAt: Date | null;
    enabled: boolean;
    testEmails: string[];
    redactTokens: string[];
    retryPolicy: RetryPolicy;
    timeoutMs: number;
  };
};

type Row = Omit<ClaimedDelivery, "event" | "webhook"> & Record<string, unknown>;

const RETURNING = Prisma.sql`RETURNING id, "organizationId", "webhookId", "eventId", mode, "createdAt", "attemptCount"`;

/** Joins the claimed rows (CTE `c`) to their event and webhook. */
const LOAD = Prisma.sql`
  SELECT c.id, c."organizationId", c."webhookId", c.mode::text AS mode, c."createdAt", c."attemptCount",
         e.id AS "eventId", e.type AS "eventType", e."occurredAt" AS "eventOccurredAt",
         e.data AS "eventData",
         w.name, w."eventType" AS "webhookEventType", w.verb::text AS verb, w.url, w.headers,
         w."payloadFormat"::text AS "payloadFormat", w."payloadTemplate", w."authType"::text AS "authType",
         w."authUsername", w."authHeaderName", w."authCredentialsEnc", w."oauthTokenUrl",
         w."oauthClientId", w."oauthScope", w."tlsClientCertPem", w."tlsClientKeyEnc", w."tlsCaPem",
         w."signingSecretEnc",
         w."previousSigningSecretEnc", w."secretRotatedAt", w.enabled, w."testEmails",
         w."redactTokens", w."retryPolicy"::text AS "retryPolicy", w."timeoutMs"
  FROM c JOIN "Event" e ON e.id = c."eventId" JOIN "Webhook" w ON w.id = c."webhookId"`;

function toClaimed(r: Row): ClaimedDelivery {
  return {
    id: r.id,
    organizationId: r.organizationId,
    webhookId: r.webhookId,
    mode: r.mode,
    createdAt: r.createdAt,
    attemptCount: r.attemptCount,
    event: {
      id: r.eventId as string,
      type: r.eventType as string,
      occurredAt: r.eventOccurredAt as Date,
      data: r.eventData,
    },
    webhook: {
      name: r.name as string,
      eventType: r.webhookEventType as string,
      verb: r.verb as string,
      url: r.url as string,
      headers: r.headers,
      payloadFormat: r.payloadFormat as RequestSpec["payloadFormat"],
      payloadTemplate: r.payloadTemplate as string,
      authType: r.authType as string,
      authUsername: r.authUsername as string | null,
      authHeaderName: r.authHeaderName as string | null,
      authCredentialsEnc: r.authCredentialsEnc as string | null,
      oauthTokenUrl: r.oauthTokenUrl as string | null,
      oauthClientId: r.oauthClientId as string | null,
      oauthScope: r.oauthScope as string | null,
      tlsClientCertPem: r.tlsClientCertPem as string | null,
      tlsClientKeyEnc: r.tlsClientKeyEnc as string | null,
      tlsCaPem: r.tlsCaPem as string | null,
      signingSecretEnc: r.signingSecretEnc as string,
      previousSigningSecretEnc: r.previousSigningSecretEnc as string | null,
      secretRotatedAt: r.secretRotatedAt as Date | null,
      enabled: r.enabled as boolean,
      testEmails: r.testEmails as string[],
      redactTokens: (r.redactTokens as string[] | null) ?? [],
      retryPolicy: r.retryPolicy as RetryPolicy,
      timeoutMs: r.timeoutMs as number,
    },
  };
}

/** Claims the next attempt of one delivery if it is pending and due (the Inngest engine). */
export async function claimDelivery(id: string, now: Date): Promise<ClaimedDelivery | null> {
  const rows = await db.$queryRaw<Row[]>`
    WITH c AS (
      UPDATE "Delivery" SET "attemptCount" = "attemptCount" + 1, "updatedAt" = ${now}
      WHERE id = ${id} AND status = 'PENDING' AND "nextAttemptAt" <= ${now}
      ${RETURNING}
    )
    ${LOAD}`;
  return rows[0] ? toClaimed(rows[0]) : null;
}

/**
 * At most this many attempts of one webhook run at once in one process (the embedded worker)
 * or in all (Inngest's concurrency key): a receiver that hangs cannot hold every slot.
 */
export const WEBHOOK_CONCURRENCY = 10;

/**
 * Claims the next attempt of up to `limit` due deliveries for this process (the embedded
 * worker), leasing them for `leaseMs`: pending, due by `now`, not leased by another worker
 * (or leased by one that died), and at most WEBHOOK_CONCURRENCY per webhook counting the
 * `running` ones (attempts under way here, by webhook id). One statement, however many it
 * claims:
 *
 * - `hooks` lists the webhooks with pending deliveries, one index probe each (a loose scan of
 *   the pending-only index on webhookId, nextAttemptAt);
 * - `due` takes from each the earliest due deliveries it has room for, reading that webhook's
 *   part of the index only: a webhook at its limit costs one probe, not a walk through its
 *   backlog, and the oldest due work of all webhooks goes first;
 * - `chosen` locks them, SKIP LOCKED so several processes claim at once without waiting on
 *   each other (rows another process claimed meanwhile fail the re-checked conditions).
 */
export async function claimDueDeliveries(
  limit: number,
  now: Date,
  leaseMs: number,
  running: ReadonlyMap<string, number> = new Map(),
): Promise<ClaimedDelivery[]> {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const rows = await db.$queryRaw<Row[]>`
    WITH RECURSIVE hooks AS (
      (SELECT "webhookId" AS id FROM "Delivery" WHERE status = 'PENDING'
       ORDER BY "webhookId" LIMIT 1)
      UNION ALL
      SELECT (SELECT "webhookId" FROM "Delivery"
              WHERE status = 'PENDING' AND "webhookId" > h.id
              ORDER BY "webhookId" LIMIT 1)
      FROM hooks h WHERE h.id IS NOT NULL
    ), due AS (
      SELECT d.id FROM hooks h
      LEFT JOIN jsonb_each_text(${JSON.stringify(Object.fromEntries(running))}::jsonb) r
        ON r.key = h.id
      CROSS JOIN LATERAL (
        SELECT id, "nextAttemptAt" FROM "Delivery"
        WHERE "webhookId" = h.id AND status = 'PENDING' AND "nextAttemptAt" <= ${now}
          AND ("leaseUntil" IS NULL OR "leaseUntil" < ${now})
        ORDER BY "nextAttemptAt"
        LIMIT greatest(0, ${WEBHOOK_CONCURRENCY} - coalesce(r.value::int, 0))
      ) d
      WHERE h.id IS NOT NULL
      ORDER BY d."nextAttemptAt"
      LIMIT ${limit}
    ), chosen AS (
      -- = ANY(ARRAY(…)): looked up by primary key, whatever the planner believes of the table.
      SELECT id FROM "Delivery"
      WHERE id = ANY(ARRAY(SELECT id FROM due)) AND status = 'PENDING' AND "nextAttemptAt" <= ${now}
        AND ("leaseUntil" IS NULL OR "leaseUntil" < ${now})
      FOR UPDATE SKIP LOCKED
    ), c AS (
      UPDATE "Delivery"
      SET "leaseUntil" = ${leaseUntil}, "attemptCount" = "attemptCount" + 1, "updatedAt" = ${now}
      WHERE id = ANY(ARRAY(SELECT id FROM chosen))
      ${RETURNING}
    )
    ${LOAD}`;
  return rows.map(toClaimed);
}

/** When the earliest claimable pending delivery is due (to sleep until then), or null. */
export async function nextDueAt(now: Date): Promise<Date | null> {
  const row = await db.delivery.findFirst({
    where: { status: "PENDING", OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    orderBy: { nextAttemptAt: "asc" },
    select: { nextAttemptAt: true },
  });
  return row?.nextAttemptAt ?? null;
}

/** Pending deliveries that should have been attempted before `before` (for the sweeper). */
export async function overdueDeliveries(before: Date, limit: number) {
  return db.delivery.findMany({
    where: { status: "PENDING", nextAttemptAt: { lt: before } },
    select: { id: true, webhookId: true, attemptCount: true },
    orderBy: { nextAttemptAt: "asc" },
    take: limit,
  });
}
