import "server-only";
import {
  decryptSecretWithKey,
  encryptSecretWithKey,
  parseEncryptionKey,
} from "@/lib/crypto/secrets";
import { db, type PrismaClient } from "@/lib/db/client";

// Every column that holds an encryptSecret value. A new `*Enc` column in prisma/schema.prisma
// must be added here, or rotation would leave it readable only with the retired key.
const ENCRYPTED_COLUMNS = [
  "signingSecretEnc",
  "previousSigningSecretEnc",
  "authCredentialsEnc",
  "tlsClientKeyEnc",
] as const;

type EncryptedColumn = (typeof ENCRYPTED_COLUMNS)[number];
type WebhookSecrets = { id: string } & Record<EncryptedColumn, string | null>;

export type RotateEncryptionKeyOptions = {
  /** The key the values are encrypted with now (base64, as ENCRYPTION_KEY). */
  fromKey: string;
  /** The key to re-encrypt them with (base64). */
  toKey: string;
  /** Rows per transaction. */
  batchSize?: number;
  /** Defaults to the app's client; the CLI passes its own so it needs only DATABASE_URL. */
  client?: PrismaClient;
};

export type RotateEncryptionKeyResult = {
  /** Webhook rows looked at. */
  rows: number;
  /** Encrypted values re-encrypted from the old key to the new one. */
  rotated: number;
  /** Values that already decrypted with the new key (a re-run after an interruption). */
  alreadyRotated: number;
  /** Transactions committed. */
  batches: number;
};

/** A stored value that decrypts with neither key: the rotation stops at it. */
export class UndecryptableSecretError extends Error {
  constructor(
    readonly rowId: string,
    readonly column: EncryptedColumn,
  ) {
    super(
      `Webhook ${rowId}: ${column} decrypts with neither the old nor the new key. ` +
        "Nothing of its batch was written; earlier batches are already under the new key.",
    );
    this.name = "UndecryptableSecretError";
  }
}

function tryDecrypt(stored: string, key: Buffer): string | undefined {
  try {
    return decryptSecretWithKey(stored, key);
  } catch {
    return undefined;
  }
}

/**
 * Re-encrypts every encrypted column of every webhook (all organizations) from `fromKey` to
 * `toKey`, `batchSize` rows per transaction. Safe to re-run: values already readable with the
 * new key are left as they are. Throws UndecryptableSecretError, with that batch rolled back,
 * at a value neither key opens.
 */
export async function rotateEncryptionKey({
  fromKey,
  toKey,
  batchSize = 200,
  client = db,
}: RotateEncryptionKeyOptions): Promise<RotateEncryptionKeyResult> {
  const from = parseEncryptionKey(fromKey, "fromKey");
  const to = parseEncryptionKey(toKey, "toKey");
  if (from.equals(to)) throw new Error("fromKey and toKey are the same key");
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new Error("batchSize must be a positive integer");
  }

  const result: RotateEncryptionKeyResult = { rows: 0, rotated: 0, alreadyRotated: 0, batches: 0 };
  let cursor = "";
  for (;;) {
    const batch = await client.$transaction(
      async (tx) => {
        // FOR UPDATE: a concurrent edit of one of these rows waits for this batch instead of
        // being overwritten with a value re-encrypted from what it replaced.
        const rows = await tx.$queryRaw<WebhookSecrets[]>`
          SELECT id, "signingSecretEnc", "previousSigningSecretEnc", "authCredentialsEnc",
            "tlsClientKeyEnc"
          FROM "Webhook" WHERE id > ${cursor} ORDER BY id LIMIT ${batchSize} FOR UPDATE`;
        let rotated = 0;
        let alreadyRotated = 0;
        for (const row of rows) {
          const next = { ...row };
          let changed = false;
          for (const column of ENCRYPTED_COLUMNS) {
            const stored = row[column];
            if (stored === null) continue;
            // New key first: on a re-run most values are already rotated.
            if (tryDecrypt(stored, to) !== undefined) {
              alreadyRotated++;
              continue;
            }
            const plaintext = tryDecrypt(stored, from);
            if (plaintext === undefined) throw new UndecryptableSecretError(row.id, column);
            next[column] = encryptSecretWithKey(plaintext, to);
            changed = true;
            rotated++;
          }
          if (!changed) continue;
          // Raw SQL rather than tx.webhook.update: Prisma would bump @updatedAt, and a key
          // rotation is not an edit anyone made to the webhook.
          await tx.$executeRaw`
            UPDATE "Webhook" SET "signingSecretEnc" = ${next.signingSecretEnc},
              "previousSigningSecretEnc" = ${next.previousSigningSecretEnc},
              "authCredentialsEnc" = ${next.authCredentialsEnc},
              "tlsClientKeyEnc" = ${next.tlsClientKeyEnc}
            WHERE id = ${row.id}`;
        }
        return { rows, rotated, alreadyRotated };
      },
      // A batch of a few hundred small updates; the 5 s default is tight on a remote database.
      { timeout: 60_000, maxWait: 10_000 },
    );
    if (batch.rows.length === 0) return result;
    result.rows += batch.rows.length;
    result.rotated += batch.rotated;
    result.alreadyRotated += batch.alreadyRotated;
    result.batches++;
    cursor = batch.rows[batch.rows.length - 1]!.id;
    if (batch.rows.length < batchSize) return result;
  }
}
