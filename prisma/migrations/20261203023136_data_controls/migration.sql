-- AlterTable
ALTER TABLE "Webhook" ADD COLUMN     "redactTokens" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "actorUserId" TEXT,
    "actorLabel" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT,
    "targetLabel" TEXT NOT NULL,
    "changes" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AuditEntry_organizationId_createdAt_id_idx" ON "AuditEntry"("organizationId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "AuditEntry_organizationId_action_createdAt_id_idx" ON "AuditEntry"("organizationId", "action", "createdAt", "id");

-- CreateIndex
CREATE INDEX "AuditEntry_organizationId_actorUserId_createdAt_id_idx" ON "AuditEntry"("organizationId", "actorUserId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "AuditEntry_organizationId_targetId_createdAt_id_idx" ON "AuditEntry"("organizationId", "targetId", "createdAt", "id");

-- AddForeignKey
ALTER TABLE "AuditEntry" ADD CONSTRAINT "AuditEntry_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
