import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { beforeEach, describe, expect, it } from "vitest";
import { rotateEncryptionKey } from "@/lib/crypto/rotate";
import { decryptSecretWithKey, encryptSecretWithKey } from "@/lib/crypto/secrets";
import { db } from "@/lib/db/client";
import { resetDatabase } from "@/lib/testing/db";
import { makeTestPki } from "@/lib/testing/certificates";
import { createTestOwner, createTestWebhook } from "@/lib/testing/fixtures";
import { rotateSigningSecret } from "@/lib/webhooks/service";

// Key rotation against the real database: rows of several organizations written by the app
// (under ENCRYPTION_KEY) are re-encrypted to a new key, re-runs are no-ops, and a value
// neither key opens stops the run with that batch untouched.

const oldKey = () => process.env.ENCRYPTION_KEY!;
const newKey = randomBytes(32).toString("base64");
const buf = (k: string) => Buffer.from(k, "base64");
const COLUMNS = [
  "signingSecretEnc",
  "previousSigningSecretEnc",
  "authCredentialsEnc",
  "tlsClientKeyEnc",
] as const;

const pki = makeTestPki();
const rows = () => db.webhook.findMany({ orderBy: { id: "asc" } });
const opens = (stored: string, key: string) => {
  try {
    return decryptSecretWithKey(stored, buf(key));
  } catch {
    return undefined;
  }
};
type Row = Awaited<ReturnType<typeof rows>>[number];
const plaintexts = (row: Row, key: string) =>
  COLUMNS.map((c) => (row[c] === null ? null : opens(row[c]!, key)));

/** Two organizations: Basic auth, a rotated signing secret, an mTLS key, a plain webhook. */
async function seed() {
  const a = await createTestOwner();
  const b = await createTestOwner();
  const { client } = await pki;
  await createTestWebhook(a.actor, {
    authType: "BASIC",
    authUsername: "alice",
    authPassword: "s3cret",
  });
  const rotated = await createTestWebhook(b.actor, { authType: "BEARER", authToken: "tok" });
  await rotateSigningSecret(b.actor, rotated.id);
  await createTestWebhook(b.actor);
  await createTestWebhook(a.actor, {
    url: "https://mtls.example.com/hooks",
    tlsClientCert: client.cert,
    tlsClientKey: client.key,
  });
  const before = await rows();
  expect(new Set(before.map((r) => r.organizationId)).size).toBe(2);
  expect(before.some((r) => r.previousSigningSecretEnc && r.authCredentialsEnc)).toBe(true);
  return before;
}

beforeEach(() => resetDatabase());

describe("rotateEncryptionKey", () => {
  it("re-encrypts every secret of every organization, and a second run changes nothing", async () => {
    const before = await seed();
    const expected = before.map((r) => plaintexts(r, oldKey()));
    const values = expected.flat().filter((v) => v !== null).length;
    expect(values).toBe(8); // 4 signing secrets, 1 previous one, 2 credentials, 1 mTLS key

    const result = await rotateEncryptionKey({ fromKey: oldKey(), toKey: newKey, batchSize: 3 });
    expect(result).toEqual({ rows: 4, rotated: values, alreadyRotated: 0, batches: 2 });

    const after = await rows();
    expect(after.map((r) => plaintexts(r, newKey))).toEqual(expected);
    for (const row of after) {
      for (const c of COLUMNS)
        if (row[c] !== null) expect(opens(row[c]!, oldKey())).toBeUndefined();
    }
    expect(after.map((r) => r.updatedAt)).toEqual(before.map((r) => r.updatedAt));

    const again = await rotateEncryptionKey({ fromKey: oldKey(), toKey: newKey });
    expect(again).toEqual({ rows: 4, rotated: 0, alreadyRotated: values, batches: 1 });
    expect(await rows()).toEqual(after);
  });

  it("stops at a value neither key opens, naming it; earlier batches stay rotated", async () => {
    const before = await seed();
    const bad = before[2]!;
    const stranger = randomBytes(32);
    await db.webhook.update({
      where: { id: bad.id },
      data: { signingSecretEnc: encryptSecretWithKey("whsec_x", stranger) },
    });
    const broken = await rows();

    await expect(
      rotateEncryptionKey({ fromKey: oldKey(), toKey: newKey, batchSize: 1 }),
    ).rejects.toThrow(`Webhook ${bad.id}: signingSecretEnc decrypts with neither`);

    const after = await rows();
    for (const row of after.slice(0, 2)) expect(opens(row.signingSecretEnc, newKey)).toBeDefined();
    expect(after.slice(2)).toEqual(broken.slice(2)); // failing batch and later ones untouched

    // Fixed, the re-run finishes and counts the first two rows as done.
    await db.webhook.update({
      where: { id: bad.id },
      data: { signingSecretEnc: bad.signingSecretEnc },
    });
    const result = await rotateEncryptionKey({ fromKey: oldKey(), toKey: newKey, batchSize: 1 });
    expect(result.alreadyRotated).toBeGreaterThan(0);
    expect((await rows()).map((r) => plaintexts(r, newKey))).toEqual(
      before.map((r) => plaintexts(r, oldKey())),
    );
  });

  it("runs as a CLI: prints counts and the next step; refuses equal keys", async () => {
    await seed();
    const run = promisify(execFile);
    const args = [
      "--conditions=react-server",
      "--import",
      "tsx",
      "scripts/rotate-encryption-key.ts",
    ];
    const env = {
      NODE_ENV: "test" as const,
      PATH: process.env.PATH,
      DATABASE_URL: process.env.DATABASE_URL,
      ENCRYPTION_KEY: oldKey(),
    };
    const ok = await run("node", args, { env: { ...env, NEW_ENCRYPTION_KEY: newKey } });
    expect(ok.stdout).toContain("Rotated 8 secret(s) in 4 webhook(s)");
    expect(ok.stdout).toContain("set ENCRYPTION_KEY to the new key in every app process");
    const row = (await rows())[0]!;
    expect(opens(row.signingSecretEnc, newKey)).toMatch(/^whsec_/);

    const same = await run("node", args, { env: { ...env, NEW_ENCRYPTION_KEY: oldKey() } }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(same).toMatchObject({ code: 2 });
    expect((same as { stderr: string }).stderr).toContain("must differ from ENCRYPTION_KEY");
  }, 60_000);
});
