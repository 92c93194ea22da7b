import "server-only";
import { db } from "@/lib/db/client";
import { UserError } from "@/lib/errors";
import { plural } from "@/lib/format";

// Repeated failed sign-ins for one e-mail are first slowed, then locked for a while.
export const THROTTLE = {
  /** Failures after which each further answer is delayed by one more second. */
  slowAfter: 2,
  maxDelayMs: 5_000,
  /** Failures that lock the address. */
  lockAfter: 5,
  lockMs: 15 * 60_000,
  /** Failures older than this are forgotten. */
  windowMs: 15 * 60_000,
};

/** Thrown while an address is locked; its message is shown on the sign-in page. */
export class SignInLockedError extends UserError {
  constructor(readonly until: Date) {
    const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
    super(
      `Too many failed sign-ins for this e-mail. Ask an Owner of your organization to unlock your account on the Members page, or wait ${plural(minutes, "minute")}.`,
    );
    this.name = "SignInLockedError";
  }
}

/** Throws SignInLockedError while the address is locked. */
export async function assertNotLocked(email: string): Promise<void> {
  const row = await db.signInThrottle.findUnique({ where: { email } });
  if (row?.lockedUntil && row.lockedUntil > new Date())
    throw new SignInLockedError(row.lockedUntil);
}

/** Counts a failure, waits the penalty, and locks the address at the limit. */
export async function recordFailedSignIn(email: string): Promise<void> {
  const now = new Date();
  const windowStart = new Date(now.getTime() - THROTTLE.windowMs);
  const lockUntil = new Date(now.getTime() + THROTTLE.lockMs);
  // One statement, so parallel failures each count (a read-then-write would lose some).
  const [row] = await db.$queryRaw<{ failures: number; lockedUntil: Date | null }[]>`
    INSERT INTO "SignInThrottle" (email, failures, "lastFailureAt", "lockedUntil")
    VALUES (${email}, 1, ${now}, NULL)
    ON CONFLICT (email) DO UPDATE SET
      failures = CASE WHEN "SignInThrottle"."lastFailureAt" < ${windowStart} THEN 1
                      ELSE "SignInThrottle".failures + 1 END,
      "lastFailureAt" = EXCLUDED."lastFailureAt"
    RETURNING failures, "lockedUntil"`;
  const failures = row?.failures ?? 1;
  if (failures >= THROTTLE.lockAfter) {
    await db.signInThrottle.update({ where: { email }, data: { lockedUntil: lockUntil } });
    throw new SignInLockedError(lockUntil);
  }
  const delay = Math.min((failures - THROTTLE.slowAfter) * 1_000, THROTTLE.maxDelayMs);
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
}

/** When each of these addresses is locked until, for those locked now. */
export async function lockedUntil(emails: string[]): Promise<Map<string, Date>> {
  const rows = await db.signInThrottle.findMany({
    where: { email: { in: emails }, lockedUntil: { gt: new Date() } },
    select: { email: true, lockedUntil: true },
  });
  return new Map(rows.map((r) => [r.email, r.lockedUntil!]));
}

/** Forgets the failures of an address after a successful sign-in. */
export async function clearFailedSignIns(email: string): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { email } });
}
