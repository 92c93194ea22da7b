import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { randomToken, sha256 } from "@/lib/crypto/secrets";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";

// Organization API keys for the ingest API: shown once, stored as sha256, revocable.

const PREFIX = "whk_";
/** lastUsedAt is written at most this often per key, so ingest does not write on every call. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** Creates a key; the full key is returned this once. */
export async function createApiKey(actor: Actor, name: string) {
  assertCan(actor, "apiKeys.manage");
  const key = `${PREFIX}${randomToken(32)}`;
  const row = await db.apiKey.create({
    data: {
      organizationId: actor.organizationId,
      name,
      prefix: key.slice(0, 12),
      keyHash: sha256(key),
      createdById: actor.userId,
    },
    select: { id: true, prefix: true },
  });
  return { ...row, key };
}

/** The organization's keys, newest first, without their hashes. */
export async function listApiKeys(actor: Actor) {
  assertCan(actor, "apiKeys.manage");
  return db.apiKey.findMany({
    where: { organizationId: actor.organizationId },
    select: {
      id: true,
      name: true,
      prefix: true,
      createdAt: true,
      lastUsedAt: true,
      revokedAt: true,
    },
    orderBy: { createdAt: "desc" },
  });
}

/** Revokes a key for good. */
export async function revokeApiKey(actor: Actor, id: string) {
  assertCan(actor, "apiKeys.manage");
  const { count } = await db.apiKey.updateMany({
    where: { id, organizationId: actor.organizationId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw new NotFoundError("That API key");
}

/** The organization an Authorization header's key belongs to, or null (missing, unknown or revoked). */
export async function authenticateApiKey(
  authorization: string | null,
): Promise<{ organizationId: string } | null> {
  const key = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  if (!key?.startsWith(PREFIX) || key.length > 200) return null;
  const row = await db.apiKey.findUnique({
    where: { keyHash: sha256(key) },
    select: { id: true, organizationId: true, revokedAt: true, lastUsedAt: true },
  });
  if (!row || row.revokedAt) return null;
  const now = new Date();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return { organizationId: row.organizationId };
}
