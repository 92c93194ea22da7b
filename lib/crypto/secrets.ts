import "server-only";
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

const VERSION = "v1";

function key(): Buffer {
  return Buffer.from(env().ENCRYPTION_KEY, "base64");
}

/** Encrypts a secret for storage: AES-256-GCM, `v1.<iv>.<tag>.<ciphertext>` in base64url. */
export function encryptSecret(plaintext: string): string {
  return encryptSecretWithKey(plaintext, key());
}

/** Decrypts a value made by encryptSecret; throws when it was tampered with or the key differs. */
export function decryptSecret(stored: string): string {
  return decryptSecretWithKey(stored, key());
}

/**
 * A 32-byte AES key from its base64 form (as in ENCRYPTION_KEY), checked the way lib/env.ts
 * checks it; throws naming `name` otherwise. For tools that hold two keys at once (rotation).
 */
export function parseEncryptionKey(base64: string, name = "key"): Buffer {
  const bytes = Buffer.from(base64, "base64");
  if (bytes.length !== 32) throw new Error(`${name} must be 32 bytes encoded as base64`);
  return bytes;
}

/** encryptSecret with an explicit key instead of ENCRYPTION_KEY (key rotation). */
export function encryptSecretWithKey(plaintext: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), ciphertext].map((b) => b.toString("base64url"));
  return [VERSION, ...parts].join(".");
}

/** decryptSecret with an explicit key instead of ENCRYPTION_KEY (key rotation). */
export function decryptSecretWithKey(stored: string, key: Buffer): string {
  const [version, iv, tag, ciphertext] = stored.split(".");
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) {
    throw new Error("Unreadable encrypted value");
  }
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([
    decipher.update(Buffer.from(ciphertext, "base64url")),
    decipher.final(),
  ]).toString("utf8");
}

/** A new Standard Webhooks signing secret: `whsec_` + 32 random bytes in base64. */
export function generateSigningSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

/** An unguessable URL-safe token (invitation links). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** sha256 hex digest: how one-time tokens are stored. */
export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}
