-- AlterTable
ALTER TABLE "Webhook" ADD COLUMN     "conditions" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "skippedEvents" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "Event_organizationId_type_receivedAt_idx" ON "Event"("organizationId", "type", "receivedAt");
