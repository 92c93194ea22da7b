-- DropIndex
DROP INDEX "Delivery_webhookId_createdAt_idx";

-- DropIndex
DROP INDEX "Delivery_organizationId_createdAt_idx";

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "retentionDays" INTEGER NOT NULL DEFAULT 30;

-- AlterTable
ALTER TABLE "Webhook" ADD COLUMN     "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "failureAlertLevel" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "lastSuccessAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "chatId" TEXT,
ADD COLUMN     "customerEmail" TEXT;

-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "eventType" TEXT,
ADD COLUMN     "lastAttemptAt" TIMESTAMP(3),
ADD COLUMN     "lastDurationMs" INTEGER,
ADD COLUMN     "lastResponseStatus" INTEGER;

-- Backfill, written by hand: the type of each delivery from its event, the search fields of
-- each event from its data, and the status and duration of the last attempt of each delivery.
UPDATE "Delivery" d SET "eventType" = e.type FROM "Event" e WHERE e.id = d."eventId";
ALTER TABLE "Delivery" ALTER COLUMN "eventType" SET NOT NULL;
UPDATE "Event" SET "chatId" = data->'chat'->>'session_id',
  "customerEmail" = lower(coalesce(data->'chat'->>'customer_email', data->'offline_message'->>'customer_email',
    data->'visitor'->>'email', data->'ticket'->>'requester_email'));
UPDATE "Delivery" d SET "lastResponseStatus" = a."responseStatus", "lastDurationMs" = a."durationMs",
  "lastAttemptAt" = a."startedAt"
FROM "DeliveryAttempt" a WHERE a."deliveryId" = d.id AND a.number = d."attemptCount";

-- CreateIndex
CREATE INDEX "Event_organizationId_chatId_idx" ON "Event"("organizationId", "chatId");

-- CreateIndex
CREATE INDEX "Event_organizationId_customerEmail_idx" ON "Event"("organizationId", "customerEmail");

-- CreateIndex
CREATE INDEX "Delivery_webhookId_createdAt_id_idx" ON "Delivery"("webhookId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Delivery_organizationId_createdAt_id_idx" ON "Delivery"("organizationId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Delivery_organizationId_status_createdAt_id_idx" ON "Delivery"("organizationId", "status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Delivery_organizationId_eventType_createdAt_id_idx" ON "Delivery"("organizationId", "eventType", "createdAt", "id");
