import "server-only";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import {
  assertNotLocked,
  clearFailedSignIns,
  recordFailedSignIn,
} from "@/lib/auth/sign-in-throttle";
import { db } from "@/lib/db/client";
import { NotFoundError, UserError } from "@/lib/errors";

// The signed-in person's own account.

/**
 * Changes the password after checking the current one (wrong guesses count towards the
 * sign-in throttle), and ends every session: sessions carry the sessionVersion they were
 * issued with, and an older one is refused (lib/auth/actor.ts). The browser that changed it
 * signs in again with the new password.
 */
export async function changePassword(
  userId: string,
  { currentPassword, newPassword }: { currentPassword: string; newPassword: string },
): Promise<void> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { email: true, passwordHash: true },
  });
  if (!user) throw new NotFoundError("Your account");
  await assertNotLocked(user.email);
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    await recordFailedSignIn(user.email);
    throw new UserError("Your current password is not right.");
  }
  await clearFailedSignIns(user.email);
  await db.user.update({
    where: { id: userId },
    data: { passwordHash: await hashPassword(newPassword), sessionVersion: { increment: 1 } },
  });
}
