import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  maxAttempts,
  nextAttemptAt,
  parseRetryAfter,
  retryDelaysMs,
  retryWindowEnd,
  type RetryPolicy,
} from "@/lib/delivery/schedule";

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const first = new Date("2026-11-22T12:00:00Z");

function after(at: Date, ms: number): Date {
  return new Date(at.getTime() + ms);
}

/** Runs a whole delivery that always fails at once; returns every attempt time. */
function simulate(policy: RetryPolicy, random: () => number, retryAfterMs?: number): Date[] {
  const times = [first];
  for (let n = 1; ; n++) {
    const now = times[times.length - 1]!;
    const next = nextAttemptAt({
      policy,
      attemptNumber: n,
      firstAttemptAt: first,
      now,
      random,
      retryAfterMs,
    });
    if (!next) return times;
    times.push(next);
  }
}

describe("retry schedule", () => {
  it("STANDARD retries 10 times after 5 s, 30 s, 2 m, 5 m, 10 m, 20 m, 40 m, 1 h, 1 h 30 m, 2 h", () => {
    expect(retryDelaysMs("STANDARD")).toEqual([
      5 * S,
      30 * S,
      2 * M,
      5 * M,
      10 * M,
      20 * M,
      40 * M,
      H,
      H + 30 * M,
      2 * H,
    ]);
    expect(maxAttempts("STANDARD")).toBe(11);
  });

  it("EXTENDED follows the Standard Webhooks schedule: 5 s, 5 m, 30 m, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h", () => {
    expect(retryDelaysMs("EXTENDED")).toEqual([
      5 * S,
      5 * M,
      30 * M,
      2 * H,
      5 * H,
      10 * H,
      14 * H,
      20 * H,
      24 * H,
    ]);
    expect(maxAttempts("EXTENDED")).toBe(10);
  });

  it("NONE makes one attempt and never schedules another", () => {
    expect(retryDelaysMs("NONE")).toEqual([]);
    expect(maxAttempts("NONE")).toBe(1);
    expect(
      nextAttemptAt({ policy: "NONE", attemptNumber: 1, firstAttemptAt: first, now: first }),
    ).toBeNull();
  });

  it("schedules the nominal delay when the jitter is centred (random = 0.5)", () => {
    const times = simulate("EXTENDED", () => 0.5);
    const gaps = times.slice(1).map((t, i) => t.getTime() - times[i]!.getTime());
    expect(gaps).toEqual(retryDelaysMs("EXTENDED"));
  });

  it.each(["STANDARD", "EXTENDED"] as const)(
    "%s stays within ±10 per cent of each delay at the jitter extremes (random = 0 and 1)",
    (policy) => {
      retryDelaysMs(policy).forEach((delay, i) => {
        const now = after(first, 60 * S); // early in the window: nothing is clamped
        const at = (random: () => number) =>
          nextAttemptAt({
            policy,
            attemptNumber: i + 1,
            firstAttemptAt: first,
            now,
            random,
          })!.getTime() - now.getTime();
        expect(at(() => 0)).toBe(Math.round(delay * 0.9));
        const high = at(() => 1);
        if (policy === "STANDARD" && i === retryDelaysMs(policy).length - 1) {
          expect(high).toBeLessThanOrEqual(Math.round(delay * 1.1)); // may be clamped to 6 h
        } else {
          expect(high).toBe(Math.round(delay * 1.1));
        }
      });
    },
  );

  it("gives up after the last retry", () => {
    expect(
      nextAttemptAt({ policy: "STANDARD", attemptNumber: 11, firstAttemptAt: first, now: first }),
    ).toBeNull();
    expect(
      nextAttemptAt({ policy: "EXTENDED", attemptNumber: 10, firstAttemptAt: first, now: first }),
    ).toBeNull();
    expect(simulate("STANDARD", () => 0)).toHaveLength(11);
    expect(simulate("EXTENDED", () => 0)).toHaveLength(10);
  });

  it("rejects an attempt number that is not a positive integer", () => {
    expect(() =>
      nextAttemptAt({ policy: "STANDARD", attemptNumber: 0, firstAttemptAt: first, now: first }),
    ).toThrow(RangeError);
  });

  it("STANDARD never schedules an attempt more than 6 h after the first, whatever the jitter, the attempt durations or Retry-After", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 10, maxLength: 10 }),
        fc.array(fc.integer({ min: 0, max: 30 * S }), { minLength: 10, maxLength: 10 }),
        fc.option(fc.integer({ min: 0, max: 48 * H }), { nil: undefined }),
        (randoms, durations, retryAfterMs) => {
          let now = first;
          for (let n = 1; n <= 11; n++) {
            const next = nextAttemptAt({
              policy: "STANDARD",
              attemptNumber: n,
              firstAttemptAt: first,
              now,
              retryAfterMs,
              random: () => randoms[n - 1] ?? 0.5,
            });
            if (!next) return;
            expect(next.getTime() - first.getTime()).toBeLessThanOrEqual(6 * H);
            expect(next.getTime()).toBeGreaterThanOrEqual(now.getTime());
            now = after(next, durations[n - 1] ?? 0); // the attempt itself takes time
          }
          throw new Error("scheduled more than 11 attempts");
        },
      ),
      { numRuns: 500 },
    );
  });

  it("STANDARD stops once its 6 h window has passed even if retries are left", () => {
    const now = after(first, 6 * H + S);
    expect(
      nextAttemptAt({ policy: "STANDARD", attemptNumber: 3, firstAttemptAt: first, now }),
    ).toBeNull();
  });

  it("EXTENDED keeps its own delay even when slow attempts push past its window", () => {
    const end = retryWindowEnd("EXTENDED", first);
    const now = after(end, -H);
    const at = nextAttemptAt({
      policy: "EXTENDED",
      attemptNumber: 9,
      firstAttemptAt: first,
      now,
      random: () => 0.5,
    });
    expect(at).toEqual(after(now, 24 * H));
  });
});

describe("Retry-After", () => {
  const now = after(first, H);

  it("parses delay-seconds", () => {
    expect(parseRetryAfter("120", now)).toBe(120 * S);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
  });

  it("parses HTTP-dates in IMF-fixdate, RFC 850 and asctime forms, all as UTC", () => {
    expect(parseRetryAfter("Sun, 22 Nov 2026 13:02:00 GMT", now)).toBe(2 * M);
    expect(parseRetryAfter("Sunday, 22-Nov-26 13:02:00 GMT", now)).toBe(2 * M);
    expect(parseRetryAfter("Sun Nov 22 13:02:00 2026", now)).toBe(2 * M);
  });

  it("reads a date in the past as 0 and ignores what it cannot read", () => {
    expect(parseRetryAfter("Sun, 22 Nov 2026 11:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter("", now)).toBeUndefined();
    expect(parseRetryAfter("-5", now)).toBeUndefined();
    expect(parseRetryAfter("1.5", now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
  });

  it("waits for Retry-After when it is longer than the scheduled delay", () => {
    const at = nextAttemptAt({
      policy: "STANDARD",
      attemptNumber: 1,
      firstAttemptAt: first,
      now: first,
      retryAfterMs: 90 * S,
      random: () => 0.5,
    });
    expect(at).toEqual(after(first, 90 * S));
  });

  it("keeps the scheduled delay when Retry-After is shorter", () => {
    const at = nextAttemptAt({
      policy: "STANDARD",
      attemptNumber: 4,
      firstAttemptAt: first,
      now,
      retryAfterMs: 10 * S,
      random: () => 0.5,
    });
    expect(at).toEqual(after(now, 5 * M));
  });

  it("caps Retry-After at the schedule's largest delay", () => {
    const extended = nextAttemptAt({
      policy: "EXTENDED",
      attemptNumber: 1,
      firstAttemptAt: first,
      now: first,
      retryAfterMs: 7 * 24 * H,
      random: () => 0.5,
    });
    expect(extended).toEqual(after(first, 24 * H));
    const standard = nextAttemptAt({
      policy: "STANDARD",
      attemptNumber: 1,
      firstAttemptAt: first,
      now: first,
      retryAfterMs: 5 * H,
      random: () => 0.5,
    });
    expect(standard).toEqual(after(first, 2 * H));
  });

  it("caps Retry-After at the policy's window end", () => {
    const lateStandard = after(first, 5 * H);
    expect(
      nextAttemptAt({
        policy: "STANDARD",
        attemptNumber: 2,
        firstAttemptAt: first,
        now: lateStandard,
        retryAfterMs: 2 * H,
      }),
    ).toEqual(after(first, 6 * H));

    const end = retryWindowEnd("EXTENDED", first);
    const lateExtended = after(end, -2 * H);
    expect(
      nextAttemptAt({
        policy: "EXTENDED",
        attemptNumber: 2,
        firstAttemptAt: first,
        now: lateExtended,
        retryAfterMs: 24 * H,
        random: () => 0.5,
      }),
    ).toEqual(end);
  });
});
