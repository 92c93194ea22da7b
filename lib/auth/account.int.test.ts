import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { changePassword } from "@/lib/auth/account";
import { authenticate } from "@/lib/auth/credentials";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { UserError } from "@/lib/errors";
import { resetDatabase } from "@/lib/testing/db";

// Changing a password: the current one is checked (and guesses are throttled like sign-ins),
// the new one signs in, the old one no longer does, and every session issued before ends.

const EMAIL = "ana@example.com";
const OLD = "correct horse battery";
const NEW = "staple battery horse correct";
let userId: string;
let oldHash: string;

beforeEach(async () => {
  await resetDatabase();
  oldHash ??= await hashPassword(OLD);
  ({ id: userId } = await db.user.create({
    data: { email: EMAIL, name: "Ana", passwordHash: oldHash },
  }));
});

afterAll(() => db.$disconnect());

describe("changePassword", () => {
  it("replaces the password and moves the session version on", async () => {
    await changePassword(userId, { currentPassword: OLD, newPassword: NEW });

    expect(await authenticate({ email: EMAIL, password: NEW })).toMatchObject({
      id: userId,
      sessionVersion: 1,
    });
    await expect(authenticate({ email: EMAIL, password: OLD })).rejects.toThrow(UserError);
  });

  it("refuses a wrong current password, changes nothing, and counts it as a failed sign-in", async () => {
    await expect(
      changePassword(userId, { currentPassword: "guess", newPassword: NEW }),
    ).rejects.toThrow("Your current password is not right.");

    expect(await db.user.findUniqueOrThrow({ where: { id: userId } })).toMatchObject({
      passwordHash: oldHash,
      sessionVersion: 0,
    });
    expect(await db.signInThrottle.findUnique({ where: { email: EMAIL } })).toMatchObject({
      failures: 1,
    });
  });
});
