import { z } from "zod";
import { getEventType } from "@/lib/events/catalog";
import type { JsonValue } from "@/lib/events/event-data";
import { matchesTokenType, type TokenType } from "@/lib/events/matches-token-type";
import { sendableEventTypeKeys } from "@/lib/events/time-based";

// The body of POST /api/v1/events, validated against the token catalog of its type.

const expected: Record<TokenType, string> = {
  string: "a string",
  number: "a number",
  boolean: "true or false",
  datetime: "an ISO-8601 date-time with a time zone, such as 2026-11-22T14:05:09Z",
  url: "an http(s) URL",
  email: "an e-mail address",
  ip: "an IPv4 or IPv6 address",
  object: "an object",
  array: "an array",
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Deeper `data` is refused: serialising it (Prisma, PostgreSQL's jsonb) overflows the stack. */
export const MAX_DATA_DEPTH = 64;
/** Enough issues to fix a body; a body full of bad strings does not get a huge answer. */
const MAX_STORAGE_ISSUES = 20;

/** What in this string PostgreSQL cannot store (NUL, a lone UTF-16 surrogate), or null. */
function unstorable(s: string): string | null {
  if (s.includes("\u0000")) return "the NUL character (\\u0000)";
  if (!s.isWellFormed()) return "a lone UTF-16 surrogate (invalid Unicode)";
  return null;
}

/** Reports strings, keys and nesting that the database would refuse (a 503 otherwise). */
function checkStorable(
  value: unknown,
  path: (string | number)[],
  ctx: z.RefinementCtx,
  budget: { left: number },
): void {
  if (budget.left <= 0) return;
  const report = (at: (string | number)[], message: string) => {
    budget.left--;
    ctx.addIssue({ code: "custom", path: at, message });
  };
  if (typeof value === "string") {
    const why = unstorable(value);
    if (why) report(path, `must not contain ${why}`);
    return;
  }
  if (typeof value !== "object" || value === null) return;
  // data is level 1, a section level 2, …: the path's length is the level.
  if (path.length > MAX_DATA_DEPTH) {
    report(path, `is nested too deeply: data may be at most ${MAX_DATA_DEPTH} levels deep`);
    return;
  }
  for (const [key, member] of Object.entries(value)) {
    const why = unstorable(key);
    if (why) report([...path, key], `must not contain ${why} in its key`);
    checkStorable(member, [...path, Array.isArray(value) ? Number(key) : key], ctx, budget);
  }
}

/** An incoming event. Unknown extra fields in `data` are kept; tokens must have their type. */
export const eventBodySchema = z
  .object({
    id: z
      .string()
      .trim()
      .min(1, "must not be empty")
      .max(200, "is limited to 200 characters")
      .superRefine((id, ctx) => {
        const why = unstorable(id);
        if (why) ctx.addIssue({ code: "custom", message: `must not contain ${why}` });
      })
      .optional(),
    // Time-based types are not sendable: they fire here when a deadline passes.
    type: z.enum(sendableEventTypeKeys, {
      error: `must be one of ${sendableEventTypeKeys.join(", ")}`,
    }),
    occurredAt: z.iso
      .datetime({ offset: true, error: "must be an ISO-8601 date-time" })
      // PostgreSQL cannot store year 0 or before (a 503 otherwise); no chat predates 1970.
      // (A malformed value, NaN here, is already reported by datetime.)
      .refine((v) => !(new Date(v).getTime() < 0), "must be in 1970 or later")
      // "9999-12-31T23:59-01:00" is in the year 10000 in UTC, which dates read back as invalid.
      .refine(
        (v) => !(new Date(v).getTime() >= Date.UTC(10000, 0, 1)),
        "must be before the year 10000 in UTC",
      )
      .optional(),
    data: z.record(z.string(), z.unknown(), { error: "must be an object" }),
  })
  .superRefine((body, ctx) => {
    checkStorable(body.data, ["data"], ctx, { left: MAX_STORAGE_ISSUES });
    const type = getEventType(body.type);
    for (const section of type.sections) {
      const value = body.data[section.key];
      if (value === undefined || value === null) continue;
      if (!isObject(value)) {
        ctx.addIssue({ code: "custom", path: ["data", section.key], message: "must be an object" });
        continue;
      }
      for (const token of section.tokens) {
        const v = value[token.key];
        if (v === undefined || v === null) continue; // a missing token renders as null / empty text
        if (!matchesTokenType(token.type, v as JsonValue)) {
          ctx.addIssue({
            code: "custom",
            path: ["data", section.key, token.key],
            message: `must be ${expected[token.type]}`,
          });
        }
      }
    }
  });

export type EventBody = z.infer<typeof eventBodySchema>;

/** Every failing field as `path: message`, for the 400 answer. */
export function describeIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.join(".") || "(body)", message: i.message }));
}
