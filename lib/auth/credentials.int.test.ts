import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/credentials";
import { hashPassword } from "@/lib/auth/password";
import { SignInLockedError, THROTTLE } from "@/lib/auth/sign-in-throttle";
import { db } from "@/lib/db/client";
import { UserError } from "@/lib/errors";
import { resetDatabase } from "@/lib/testing/db";

// authenticate() and the sign-in throttle against the real database. Failures past
// THROTTLE.slowAfter are deliberately slowed down by the throttle itself (a few seconds in
// this file); the tests never wait on their own.

const EMAIL = "ana@example.com";
const PASSWORD = "correct horse battery";
const NO_MATCH = "That e-mail and password do not match.";

let passwordHash: string;
let userId: string;

/** The error a sign-in was refused with (fails the test when it was not refused). */
async function refusal(attempt: Promise<unknown>): Promise<Error> {
  try {
    await attempt;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the sign-in to be refused");
}

const throttleRow = (email = EMAIL) => db.signInThrottle.findUnique({ where: { email } });

beforeEach(async () => {
  await resetDatabase();
  passwordHash ??= await hashPassword(PASSWORD);
  ({ id: userId } = await db.user.create({ data: { email: EMAIL, name: "Ana", passwordHash } }));
});

afterAll(async () => {
  await db.$disconnect();
});

describe("authenticate", () => {
  it("returns the user for the right password, whatever the e-mail's letter case", async () => {
    expect(await authenticate({ email: EMAIL, password: PASSWORD })).toMatchObject({
      id: userId,
      email: EMAIL,
    });
    expect(await authenticate({ email: "Ana@Example.COM", password: PASSWORD })).toMatchObject({
      id: userId,
    });
  });

  it("gives a wrong password and an unknown e-mail the same message, and counts both", async () => {
    const wrongPassword = await refusal(authenticate({ email: EMAIL, password: "not it" }));
    const unknownEmail = await refusal(
      authenticate({ email: "nobody@example.com", password: PASSWORD }),
    );

    expect(wrongPassword).toBeInstanceOf(UserError);
    expect(wrongPassword).not.toBeInstanceOf(SignInLockedError);
    expect(wrongPassword.message).toBe(NO_MATCH);
    expect(unknownEmail).toBeInstanceOf(UserError);
    expect(unknownEmail.constructor).toBe(wrongPassword.constructor);
    expect(unknownEmail.message).toBe(wrongPassword.message);
    expect((await throttleRow())?.failures).toBe(1);
    expect((await throttleRow("nobody@example.com"))?.failures).toBe(1);
  });

  it("refuses malformed input with its own message", async () => {
    await expect(authenticate({ email: "not-an-email", password: PASSWORD })).rejects.toThrow(
      "Enter your e-mail address and password.",
    );
    await expect(authenticate({ email: EMAIL, password: "" })).rejects.toThrow(
      "Enter your e-mail address and password.",
    );
    expect(await db.signInThrottle.count()).toBe(0);
  });

  it("clears the failure count on success, so counting starts over", async () => {
    for (let i = 0; i < THROTTLE.slowAfter; i++) {
      await expect(authenticate({ email: EMAIL, password: "not it" })).rejects.toThrow(NO_MATCH);
    }
    expect((await throttleRow())?.failures).toBe(THROTTLE.slowAfter);

    await authenticate({ email: EMAIL, password: PASSWORD });
    expect(await throttleRow()).toBeNull();

    await expect(authenticate({ email: EMAIL, password: "not it" })).rejects.toThrow(NO_MATCH);
    expect((await throttleRow())?.failures).toBe(1);
  });

  it("locks the address after THROTTLE.lockAfter failures, refuses even the right password until lockedUntil passes, then lets it in and clears the count", async () => {
    const startedAt = Date.now();
    for (let i = 1; i < THROTTLE.lockAfter; i++) {
      const attempt = authenticate({ email: EMAIL, password: `wrong ${i}` });
      await expect(attempt).rejects.toThrow(NO_MATCH);
      await expect(attempt).rejects.not.toBeInstanceOf(SignInLockedError);
    }
    await expect(authenticate({ email: EMAIL, password: "wrong again" })).rejects.toBeInstanceOf(
      SignInLockedError,
    );

    const row = await throttleRow();
    expect(row?.failures).toBe(THROTTLE.lockAfter);
    expect(row?.lockedUntil?.getTime()).toBeGreaterThanOrEqual(startedAt + THROTTLE.lockMs - 1_000);

    const locked = authenticate({ email: EMAIL, password: PASSWORD });
    await expect(locked).rejects.toBeInstanceOf(SignInLockedError);
    await expect(locked).rejects.toThrow(
      /^Too many failed sign-ins for this e-mail\. Ask an Owner of your organization to unlock your account on the Members page, or wait 15 minutes\.$/,
    );
    // Another address is not affected.
    await expect(authenticate({ email: "nobody@example.com", password: "x" })).rejects.toThrow(
      NO_MATCH,
    );

    await db.signInThrottle.update({
      where: { email: EMAIL },
      data: { lockedUntil: new Date(Date.now() - 1_000) },
    });

    expect(await authenticate({ email: EMAIL, password: PASSWORD })).toMatchObject({
      id: userId,
    });
    expect(await throttleRow()).toBeNull();
  });

  it("counts every one of many parallel failures, and locks", async () => {
    const attempts = Array.from({ length: 8 }, (_, i) =>
      refusal(authenticate({ email: EMAIL, password: `guess ${i}` })),
    );
    const errors = await Promise.all(attempts);
    expect((await throttleRow())?.failures).toBe(8);
    expect(errors.filter((e) => e instanceof SignInLockedError).length).toBeGreaterThanOrEqual(
      8 - THROTTLE.lockAfter + 1,
    );
  });
});
