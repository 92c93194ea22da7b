// `npm run rotate-key`: re-encrypts every stored secret from ENCRYPTION_KEY (the current key)
// to NEW_ENCRYPTION_KEY, then says what to do next. Safe to run again after an interruption.
// Runs with Node's react-server condition (see package.json) so server modules load.
import { PrismaPg } from "@prisma/adapter-pg";
import { z } from "zod";
import { PrismaClient } from "@/generated/prisma/client";
import { rotateEncryptionKey, UndecryptableSecretError } from "@/lib/crypto/rotate";

const key = z
  .string({ error: "is not set" })
  .refine((v) => Buffer.from(v, "base64").length === 32, "must be 32 bytes encoded as base64");

// Only what rotation needs: the app's other settings (NEXTAUTH_SECRET, …) are not required.
const schema = z
  .object({
    DATABASE_URL: z
      .string({ error: "is not set" })
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// connection URL"),
    ENCRYPTION_KEY: key,
    NEW_ENCRYPTION_KEY: key,
  })
  .refine(
    (v) =>
      !Buffer.from(v.ENCRYPTION_KEY, "base64").equals(Buffer.from(v.NEW_ENCRYPTION_KEY, "base64")),
    { path: ["NEW_ENCRYPTION_KEY"], message: "must differ from ENCRYPTION_KEY" },
  );

const parsed = schema.safeParse(process.env);
if (!parsed.success) {
  console.error("Cannot rotate the encryption key:");
  for (const issue of parsed.error.issues)
    console.error(`  ${issue.path.join(".")}: ${issue.message}`);
  console.error(
    "Usage: ENCRYPTION_KEY=<current key> NEW_ENCRYPTION_KEY=<new key> DATABASE_URL=… npm run rotate-key",
  );
  process.exit(2);
}
const { DATABASE_URL, ENCRYPTION_KEY, NEW_ENCRYPTION_KEY } = parsed.data;

const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: DATABASE_URL }) });
try {
  const result = await rotateEncryptionKey({
    fromKey: ENCRYPTION_KEY,
    toKey: NEW_ENCRYPTION_KEY,
    client,
  });
  console.log(
    `Rotated ${result.rotated} secret(s) in ${result.rows} webhook(s) ` +
      `(${result.alreadyRotated} already under the new key, ${result.batches} batch(es)).`,
  );
  console.log("Next: set ENCRYPTION_KEY to the new key in every app process and restart them.");
} catch (error) {
  if (error instanceof UndecryptableSecretError) {
    console.error(`Rotation stopped. ${error.message}`);
    console.error("Fix or clear that value, then run the command again to finish.");
  } else {
    console.error("Rotation failed:", error);
  }
  process.exitCode = 1;
} finally {
  await client.$disconnect();
}
