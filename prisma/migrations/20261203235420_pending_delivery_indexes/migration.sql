-- The worker's claim walks each webhook's due deliveries in one index, and only pending
-- deliveries are indexed for it: a finished delivery leaves both indexes, and a webhook at its
-- concurrency limit is skipped without reading its backlog.
-- DropIndex
DROP INDEX "Delivery_status_nextAttemptAt_idx";

-- CreateIndex
CREATE INDEX "Delivery_pending_webhookId_nextAttemptAt_idx" ON "Delivery"("webhookId", "nextAttemptAt") WHERE (status = 'PENDING');

-- CreateIndex
CREATE INDEX "Delivery_pending_nextAttemptAt_idx" ON "Delivery"("nextAttemptAt") WHERE (status = 'PENDING');
