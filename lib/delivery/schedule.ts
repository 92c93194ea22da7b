// When a failed delivery is tried again. Pure: the attempt function passes the clock and
// the Retry-After it read, and stores the answer in Delivery.nextAttemptAt.

export type RetryPolicy = "STANDARD" | "EXTENDED" | "NONE";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Each delay is moved by up to ±10 % so retries of many deliveries do not arrive in step. */
export const JITTER = 0.1;

/** STANDARD promises every attempt within this long of the first (the LiveChat seed). */
export const STANDARD_WINDOW_MS = 6 * HOUR;

const DELAYS: Record<RetryPolicy, readonly number[]> = {
  // 10 retries; nominal total 5 h 47 m 35 s, and clamped to 6 h whatever the jitter.
  STANDARD: [
    5 * SECOND,
    30 * SECOND,
    2 * MINUTE,
    5 * MINUTE,
    10 * MINUTE,
    20 * MINUTE,
    40 * MINUTE,
    HOUR,
    HOUR + 30 * MINUTE,
    2 * HOUR,
  ],
  // The Standard Webhooks schedule: 8 retries over about three days.
  EXTENDED: [
    5 * SECOND,
    5 * MINUTE,
    30 * MINUTE,
    2 * HOUR,
    5 * HOUR,
    10 * HOUR,
    14 * HOUR,
    20 * HOUR,
    24 * HOUR,
  ],
  NONE: [],
};

/** The nominal delay before each retry (index 0 = before the 2nd attempt), without jitter. */
export function retryDelaysMs(policy: RetryPolicy): readonly number[] {
  return DELAYS[policy];
}

/** How many attempts a delivery gets in all: the first one plus every retry. */
export function maxAttempts(policy: RetryPolicy): number {
  return DELAYS[policy].length + 1;
}

/**
 * The latest moment an attempt may be scheduled: STANDARD first + 6 h; EXTENDED first + the
 * sum of its delays at +10 % jitter; NONE the first attempt itself.
 */
export function retryWindowEnd(policy: RetryPolicy, firstAttemptAt: Date): Date {
  const span =
    policy === "STANDARD"
      ? STANDARD_WINDOW_MS
      : DELAYS[policy].reduce((sum, d) => sum + d, 0) * (1 + JITTER);
  return new Date(firstAttemptAt.getTime() + span);
}

export type NextAttemptInput = {
  policy: RetryPolicy;
  /** The attempt that just failed, 1-based. */
  attemptNumber: number;
  firstAttemptAt: Date;
  now: Date;
  /** From a 429/503 Retry-After (see parseRetryAfter). */
  retryAfterMs?: number;
  /** [0, 1]; 0 gives −10 %, 1 gives +10 %. Math.random by default. */
  random?: () => number;
};

/**
 * When to try again after attempt `attemptNumber` failed at `now`; null when the policy has
 * no attempt left.
 *
 * Retry-After: the wait is max(scheduled delay, Retry-After) — the receiver's "not before"
 * is honoured, but a short Retry-After never makes us retry sooner than the schedule (which
 * is what protects a struggling endpoint). The Retry-After part is capped at the schedule's
 * largest delay (STANDARD 2 h, EXTENDED 24 h) and at the policy's window end, so a receiver
 * cannot park a delivery for days. STANDARD's 6 h window is a hard promise: every time is
 * clamped to it, and once it has passed there is no further attempt. EXTENDED's window only
 * caps Retry-After; its own jittered delay is always kept, so slow attempts never cost it
 * its last retry.
 */
export function nextAttemptAt(input: NextAttemptInput): Date | null {
  const { policy, attemptNumber, firstAttemptAt, now, retryAfterMs } = input;
  if (!Number.isInteger(attemptNumber) || attemptNumber < 1) {
    throw new RangeError(`attemptNumber must be a positive integer, got ${attemptNumber}`);
  }
  const delays = DELAYS[policy];
  const nominal = delays[attemptNumber - 1];
  if (nominal === undefined) return null;

  const nowMs = now.getTime();
  const end = retryWindowEnd(policy, firstAttemptAt).getTime();
  if (policy === "STANDARD" && nowMs >= end) return null;

  const random = input.random ?? Math.random;
  const unit = Math.min(1, Math.max(0, random()));
  const scheduled = Math.round(nominal * (1 + (unit * 2 - 1) * JITTER));
  const largest = Math.max(...delays);
  const retryAfter =
    retryAfterMs !== undefined && Number.isFinite(retryAfterMs)
      ? Math.min(Math.max(0, retryAfterMs), largest)
      : 0;

  const wanted = nowMs + Math.max(scheduled, retryAfter);
  const cap = policy === "STANDARD" ? end : Math.max(end, nowMs + scheduled);
  return new Date(Math.min(wanted, cap));
}

const HTTP_DATE = /^(mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s/i;

/**
 * A Retry-After header in milliseconds from `now`: delay-seconds ("120") or an HTTP-date
 * ("Wed, 21 Oct 2026 07:28:00 GMT", also the obsolete RFC 850 and asctime forms). A date in
 * the past gives 0; anything else unreadable gives undefined.
 */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * SECOND;
  if (!HTTP_DATE.test(text)) return undefined;
  // HTTP-dates are always UTC; asctime carries no zone and Date.parse would read it as local.
  const at = Date.parse(/\b(GMT|UTC)\b/i.test(text) ? text : `${text} GMT`);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}
