import { describe, expect, it } from "vitest";
import { isSessionValid, SESSION_ABSOLUTE_SECONDS } from "@/lib/auth/session-policy";

const now = Date.UTC(2026, 11, 3, 12);
const signedInAgo = (seconds: number) => Math.floor(now / 1000) - seconds;

describe("isSessionValid", () => {
  it("accepts a session of the current version within its lifetime", () => {
    expect(isSessionValid({ sv: 2, authAt: signedInAgo(3600) }, 2, now)).toBe(true);
    expect(isSessionValid({ sv: 2, authAt: signedInAgo(SESSION_ABSOLUTE_SECONDS) }, 2, now)).toBe(
      true,
    );
  });

  it("ends a session issued before the password changed", () => {
    expect(isSessionValid({ sv: 1, authAt: signedInAgo(60) }, 2, now)).toBe(false);
  });

  it("ends a session older than the absolute lifetime, however recently it was used", () => {
    expect(
      isSessionValid({ sv: 2, authAt: signedInAgo(SESSION_ABSOLUTE_SECONDS + 1) }, 2, now),
    ).toBe(false);
  });

  it("refuses a session without its sign-in time (issued before this rule)", () => {
    expect(isSessionValid({ sv: 2 }, 2, now)).toBe(false);
  });
});
