import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { verifyPassword } from "@/lib/auth/password";
import {
  assertNotLocked,
  clearFailedSignIns,
  recordFailedSignIn,
} from "@/lib/auth/sign-in-throttle";
import { UserError } from "@/lib/errors";

const credentialsSchema = z.object({
  email: z.email().transform((v) => v.toLowerCase()),
  password: z.string().min(1).max(1024),
});

/**
 * Checks an e-mail and password, applying the throttle. Returns the user, or throws a
 * UserError whose message the sign-in page shows. Unknown e-mails and wrong passwords get
 * the same answer so the form does not reveal who has an account.
 */
export async function authenticate(raw: unknown) {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) throw new UserError("Enter your e-mail address and password.");
  const { email, password } = parsed.data;
  await assertNotLocked(email);
  const user = await db.user.findUnique({ where: { email } });
  // Verify against a dummy hash for unknown e-mails too, so timing reveals nothing.
  const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password);
  if (!user || !ok) {
    await recordFailedSignIn(email);
    throw new UserError("That e-mail and password do not match.");
  }
  await clearFailedSignIns(email);
  return user;
}

// argon2id hash of a random string nobody knows.
const DUMMY_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$3J0DH1xB7XbXsWkSB8AOP1NmmtvyvIGsSjg9xFZxZ0Y";
