import "server-only";
import { db } from "@/lib/db/client";
import { groupCommit } from "@/lib/db/group-commit";

// Writes attempts and their deliveries' next state, many per statement: attempts that finish
// while a write is under way go together in the next one (lib/db/group-commit.ts).

export type AttemptLogEntry = {
  attempt: {
    id: string;
    deliveryId: string;
    organizationId: string;
    webhookId: string;
    number: number;
    startedAt: Date;
    durationMs: number;
    requestMethod: string;
    requestUrl: string;
    requestHeaders: [string, string][];
    requestBody: string;
    responseStatus: number | null;
    responseHeaders: [string, string][] | null;
    responseBody: string | null;
    responseBodyTruncated: boolean;
    errorClass: string | null;
    errorMessage: string | null;
    outcome: string;
    createdAt: Date;
  };
  delivery: {
    /** Live deliveries count for their webhook's health; Test ones do not. */
    live: boolean;
    status: "PENDING" | "SUCCEEDED" | "FAILED";
    nextAttemptAt: Date | null;
    lastError: string | null;
    completedAt: Date | null;
  };
};

/**
 * Records an attempt and its delivery's next state; resolves once committed. One bad entry
 * (its delivery deleted meanwhile, say) fails only its own caller.
 */
export const logAttempt = groupCommit<AttemptLogEntry, void>(
  async (entries) => {
    await write(entries);
    return entries.map(() => undefined);
  },
  { max: 256 },
);

/**
 * One statement: insert the attempts, move their deliveries. Only a pending delivery moves:
 * when two attempts overlap (a duplicated job), one that finishes after the other made the
 * delivery terminal must not reopen it.
 */
async function write(entries: AttemptLogEntry[]) {
  const rows = entries.map(({ attempt, delivery }) => ({
    ...attempt,
    deliveryStatus: delivery.status,
    liveSuccess: delivery.live && delivery.status === "SUCCEEDED",
    nextAttemptAt: delivery.nextAttemptAt,
    lastError: delivery.lastError,
    completedAt: delivery.completedAt,
  }));
  await db.$executeRaw`
    WITH r AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(
        id text, "deliveryId" text, "organizationId" text, "webhookId" text, number int,
        "startedAt" timestamp(3), "durationMs" int, "requestMethod" text, "requestUrl" text,
        "requestHeaders" jsonb, "requestBody" text, "responseStatus" int, "responseHeaders" jsonb,
        "responseBody" text, "responseBodyTruncated" boolean, "errorClass" text,
        "errorMessage" text, outcome text, "createdAt" timestamp(3), "deliveryStatus" text,
        "nextAttemptAt" timestamp(3), "lastError" text, "completedAt" timestamp(3),
        "liveSuccess" boolean)
    ), a AS (
      INSERT INTO "DeliveryAttempt" (id, "deliveryId", "organizationId", "webhookId", number,
        "startedAt", "durationMs", "requestMethod", "requestUrl", "requestHeaders", "requestBody",
        "responseStatus", "responseHeaders", "responseBody", "responseBodyTruncated", "errorClass",
        "errorMessage", outcome, "createdAt")
      SELECT id, "deliveryId", "organizationId", "webhookId", number, "startedAt", "durationMs",
        "requestMethod", "requestUrl", "requestHeaders", "requestBody", "responseStatus",
        "responseHeaders", "responseBody", "responseBodyTruncated", "errorClass"::"ErrorClass",
        "errorMessage", outcome, "createdAt"
      FROM r
    ), healthy AS (
      -- A Live success resets its webhook's failure count (written at most once a minute
      -- while nothing else changes, so a busy webhook's row is not rewritten by every batch).
      UPDATE "Webhook" w SET "consecutiveFailures" = 0, "failureAlertLevel" = 0, "lastSuccessAt" = s.at
      FROM (SELECT "webhookId", max("createdAt") AS at FROM r WHERE "liveSuccess" GROUP BY "webhookId") s
      WHERE w.id = s."webhookId" AND (w."consecutiveFailures" <> 0 OR w."failureAlertLevel" <> 0
        OR w."lastSuccessAt" IS NULL OR w."lastSuccessAt" < s.at - interval '1 minute')
    )
    UPDATE "Delivery" d SET status = r."deliveryStatus"::"DeliveryStatus",
      "nextAttemptAt" = r."nextAttemptAt", "leaseUntil" = NULL, "lastError" = r."lastError",
      "completedAt" = r."completedAt", "updatedAt" = r."createdAt",
      "lastResponseStatus" = r."responseStatus", "lastDurationMs" = r."durationMs",
      "lastAttemptAt" = r."startedAt"
    FROM r WHERE d.id = r."deliveryId" AND d.status = 'PENDING'`;
}
