-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "requireVerifiedUrl" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Webhook" ADD COLUMN     "verificationError" TEXT,
ADD COLUMN     "verifiedAt" TIMESTAMP(3),
ADD COLUMN     "verifiedUrl" TEXT;
