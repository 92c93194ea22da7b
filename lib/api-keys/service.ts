import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { randomToken, sha256 } from "@/lib/crypto/secrets";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";

// Organization API keys for the ingest API: shown once, stored as sha256, revocable.

const PREFIX = "whk_";
/** lastUsedAt is written at most this often per key, so ingest does not write on every call. */
const LAST_USED_RESOLUTION_MS = 60_000;
/**
 * A valid key is looked up at most this often per process, so ingest does not read it on
 * every call. A revocation applies at once in the process that made it, and within this
 * time in the others.
 */
const KEY_CACHE_MS = 1_000;

type CachedKey = { id: string; organizationId: string; lastUsedAt: Date | null; until: number };
// On globalThis: the ingest route and the revoke action may load separate module instances.
const holder = globalThis as unknown as { apiKeyCache?: Map<string, CachedKey> };
const keyCache = (holder.apiKeyCache ??= new Map());

/** Creates a key; the full key is returned this once. */
export async function createApiKey(actor: Actor, name: string) {
  assertCan(actor, "apiKeys.manage");
  const key = `${PREFIX}${randomToken(32)}`;
  const row = await db.$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: {
        organizationId: actor.organizationId,
        name,
        prefix: key.slice(0, 12),
        keyHash: sha256(key),
        createdById: actor.userId,
      },
      select: { id: true, prefix: true },
    });
    await recordAudit(tx, actor, {
      action: "api_key.created",
      target: { type: "api_key", id: created.id, label: `${name} (${created.prefix}…)` },
    });
    return created;
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
  await db.$transaction(async (tx) => {
    const [revoked] = await tx.$queryRaw<{ name: string; prefix: string }[]>`
      UPDATE "ApiKey" SET "revokedAt" = now()
      WHERE id = ${id} AND "organizationId" = ${actor.organizationId} AND "revokedAt" IS NULL
      RETURNING name, prefix`;
    if (!revoked) throw new NotFoundError("That API key");
    await recordAudit(tx, actor, {
      action: "api_key.revoked",
      target: { type: "api_key", id, label: `${revoked.name} (${revoked.prefix}…)` },
    });
  });
  for (const [hash, cached] of keyCache) if (cached.id === id) keyCache.delete(hash);
}

/** The organization an Authorization header's key belongs to, or null (missing, unknown or revoked). */
export async function authenticateApiKey(
  authorization: string | null,
): Promise<{ organizationId: string } | null> {
  const key = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  if (!key?.startsWith(PREFIX) || key.length > 200) return null;
  const hash = sha256(key);
  const now = new Date();
  let cached = keyCache.get(hash);
  if (!cached || cached.until < now.getTime()) {
    keyCache.delete(hash);
    const row = await db.apiKey.findUnique({
      where: { keyHash: hash },
      select: { id: true, organizationId: true, revokedAt: true, lastUsedAt: true },
    });
    if (!row || row.revokedAt) return null;
    cached = { ...row, until: now.getTime() + KEY_CACHE_MS };
    if (keyCache.size >= 1_000) keyCache.clear(); // bounded: keys are few, this is a backstop
    keyCache.set(hash, cached);
  }
  if (!cached.lastUsedAt || now.getTime() - cached.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    cached.lastUsedAt = now;
    await db.apiKey.update({ where: { id: cached.id }, data: { lastUsedAt: now } });
  }
  return { organizationId: cached.organizationId };
}
