-- AlterEnum
ALTER TYPE "AuthType" ADD VALUE 'OAUTH2';

-- AlterTable
ALTER TABLE "Webhook" ADD COLUMN     "oauthClientId" TEXT,
ADD COLUMN     "oauthScope" TEXT,
ADD COLUMN     "oauthTokenUrl" TEXT,
ADD COLUMN     "tlsCaPem" TEXT,
ADD COLUMN     "tlsClientCertExpiresAt" TIMESTAMP(3),
ADD COLUMN     "tlsClientCertPem" TEXT,
ADD COLUMN     "tlsClientCertSubject" TEXT,
ADD COLUMN     "tlsClientKeyEnc" TEXT;
