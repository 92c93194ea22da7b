-- CreateEnum
CREATE TYPE "TimerState" AS ENUM ('PENDING', 'CANCELLED', 'FIRED');

-- AlterTable
ALTER TABLE "Webhook" ADD COLUMN     "thresholdSeconds" INTEGER;

-- CreateTable
CREATE TABLE "EventTimer" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "webhookId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "openingEventId" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "state" "TimerState" NOT NULL DEFAULT 'PENDING',
    "firedEventId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EventTimer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EventTimer_state_dueAt_idx" ON "EventTimer"("state", "dueAt");

-- CreateIndex
CREATE INDEX "EventTimer_organizationId_key_state_idx" ON "EventTimer"("organizationId", "key", "state");

-- CreateIndex
CREATE UNIQUE INDEX "EventTimer_webhookId_key_key" ON "EventTimer"("webhookId", "key");

-- AddForeignKey
ALTER TABLE "EventTimer" ADD CONSTRAINT "EventTimer_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventTimer" ADD CONSTRAINT "EventTimer_webhookId_fkey" FOREIGN KEY ("webhookId") REFERENCES "Webhook"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventTimer" ADD CONSTRAINT "EventTimer_openingEventId_fkey" FOREIGN KEY ("openingEventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;
