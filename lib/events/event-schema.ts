import { z } from "zod";
import { eventTypeKeys, getEventType } from "@/lib/events/catalog";
import type { JsonValue } from "@/lib/events/event-data";
import { matchesTokenType, type TokenType } from "@/lib/events/matches-token-type";

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

/** An incoming event. Unknown extra fields in `data` are kept; tokens must have their type. */
export const eventBodySchema = z
  .object({
    id: z
      .string()
      .trim()
      .min(1, "must not be empty")
      .max(200, "is limited to 200 characters")
      .optional(),
    type: z.enum(eventTypeKeys, { error: `must be one of ${eventTypeKeys.join(", ")}` }),
    occurredAt: z.iso.datetime({ offset: true, error: "must be an ISO-8601 date-time" }).optional(),
    data: z.record(z.string(), z.unknown(), { error: "must be an object" }),
  })
  .superRefine((body, ctx) => {
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
