import { describe, expect, it } from "vitest";
import { eventTypeKeys, eventTypes, type Token } from "@/lib/events/catalog";
import type { JsonValue } from "@/lib/events/event-data";
import { describeIssues, eventBodySchema, MAX_DATA_DEPTH } from "@/lib/events/event-body";
import type { TokenType } from "@/lib/events/matches-token-type";
import { sampleData } from "@/lib/events/sample-data";
import { sendableEventTypeKeys } from "@/lib/events/time-based";

// The body schema of POST /api/v1/events: every catalog sample passes, a token of the wrong
// type is named with a message saying what was expected, and null stands for "not known".

/** The issues of a body the schema refuses, as `path: message` lines. */
function issuesOf(body: unknown): string[] {
  const parsed = eventBodySchema.safeParse(body);
  if (parsed.success) throw new Error(`expected ${JSON.stringify(body)} to be refused`);
  return describeIssues(parsed.error).map((i) => `${i.path}: ${i.message}`);
}

/** The first token of each type in the catalog, with the event type it belongs to. */
const tokenOfType = new Map<
  TokenType,
  { eventType: (typeof eventTypeKeys)[number]; token: Token }
>();
for (const type of eventTypes) {
  for (const token of type.tokens) {
    if (!tokenOfType.has(token.type)) tokenOfType.set(token.type, { eventType: type.key, token });
  }
}

// A wrong value for each token type and the message the sender gets (written out here, not
// imported, so a reworded message is a deliberate change).
const wrong: Record<TokenType, { value: JsonValue; message: string }[]> = {
  string: [
    { value: 42, message: "must be a string" },
    { value: ["a"], message: "must be a string" },
  ],
  number: [
    { value: "6", message: "must be a number" },
    { value: true, message: "must be a number" },
  ],
  boolean: [
    { value: "false", message: "must be true or false" },
    { value: 0, message: "must be true or false" },
  ],
  datetime: [
    {
      value: "2024-05-14 14:02:03",
      message: "must be an ISO-8601 date-time with a time zone, such as 2026-11-22T14:05:09Z",
    },
    {
      value: "2024-05-14T14:02:03",
      message: "must be an ISO-8601 date-time with a time zone, such as 2026-11-22T14:05:09Z",
    },
    {
      value: 1715695323,
      message: "must be an ISO-8601 date-time with a time zone, such as 2026-11-22T14:05:09Z",
    },
  ],
  url: [
    { value: "ftp://example.com/file", message: "must be an http(s) URL" },
    { value: "example.com/pricing", message: "must be an http(s) URL" },
  ],
  email: [
    { value: "mary.brown", message: "must be an e-mail address" },
    { value: "mary brown@example.com", message: "must be an e-mail address" },
  ],
  ip: [
    { value: "999.1.1.1", message: "must be an IPv4 or IPv6 address" },
    { value: "localhost", message: "must be an IPv4 or IPv6 address" },
  ],
  object: [
    { value: ["lc2"], message: "must be an object" },
    { value: "lc2", message: "must be an object" },
  ],
  array: [
    { value: { 0: "sales" }, message: "must be an array" },
    { value: "sales,billing", message: "must be an array" },
  ],
};

describe("eventBodySchema", () => {
  it.each(sendableEventTypeKeys)("accepts the sample data of %s, unchanged", (type) => {
    const body = {
      id: "evt_1",
      type,
      occurredAt: "2024-05-14T14:05:44Z",
      data: sampleData(type),
    };
    const parsed = eventBodySchema.parse(body);
    expect(parsed).toEqual(body);
  });

  it.each(["chat.not_assigned", "offline_message.not_answered"])(
    "refuses the time-based type %s: only a timer makes it",
    (type) => {
      expect(issuesOf({ type, data: sampleData(type as "chat.not_assigned") })).toEqual([
        `type: must be one of ${sendableEventTypeKeys.join(", ")}`,
      ]);
    },
  );

  it("finds a token of every token type in the catalog to test with", () => {
    expect([...tokenOfType.keys()].sort()).toEqual(Object.keys(wrong).sort());
  });

  it.each(Object.entries(wrong) as [TokenType, (typeof wrong)[TokenType]][])(
    "refuses a wrong value for a %s token with the path and the expected type",
    (tokenType, cases) => {
      const { eventType, token } = tokenOfType.get(tokenType)!;
      for (const { value, message } of cases) {
        const data = sampleData(eventType);
        data[token.section]![token.key] = value;
        expect(issuesOf({ type: eventType, data })).toEqual([
          `data.${token.section}.${token.key}: ${message}`,
        ]);
      }
    },
  );

  it("refuses non-finite numbers for a number token", () => {
    const { eventType, token } = tokenOfType.get("number")!;
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY]) {
      const data = { [token.section]: { [token.key]: value } };
      expect(issuesOf({ type: eventType, data })).toEqual([
        `data.${token.section}.${token.key}: must be a number`,
      ]);
    }
  });

  it("lists every wrong token, not only the first", () => {
    const data = sampleData("chat.closed");
    data.chat!.customer_email = "nope";
    data.chat!.started_at = "yesterday";
    data.customer!.pages_visited = "six";
    data.browser!.java_enabled = "no";
    expect(issuesOf({ type: "chat.closed", data }).sort()).toEqual(
      [
        "data.browser.java_enabled: must be true or false",
        "data.chat.customer_email: must be an e-mail address",
        "data.chat.started_at: must be an ISO-8601 date-time with a time zone, such as 2026-11-22T14:05:09Z",
        "data.customer.pages_visited: must be a number",
      ].sort(),
    );
  });

  it.each(sendableEventTypeKeys)("accepts null for every token of %s", (type) => {
    const data = sampleData(type);
    for (const section of Object.values(data)) {
      for (const key of Object.keys(section)) section[key] = null;
    }
    expect(eventBodySchema.safeParse({ type, data }).success).toBe(true);
  });

  it("accepts missing tokens, null sections and empty data", () => {
    for (const data of [{}, { customer: null }, { chat: {} }, { chat: { session_id: "CS-1" } }]) {
      expect(eventBodySchema.safeParse({ type: "chat.opened", data }).success).toBe(true);
    }
  });

  it("refuses a section that is not an object", () => {
    for (const value of ["x", 1, true, []]) {
      expect(issuesOf({ type: "chat.opened", data: { customer: value } })).toEqual([
        "data.customer: must be an object",
      ]);
    }
  });

  it("keeps unknown fields of data and of its sections", () => {
    const body = {
      type: "chat.opened",
      data: {
        customer: { country: "France", loyalty_tier: "gold" },
        crm: { account: { id: 7, tags: ["a"] } },
        note: "free text",
      },
    };
    expect(eventBodySchema.parse(body).data).toEqual(body.data);
  });

  it("refuses data that is not an object, and a missing or unknown type", () => {
    for (const data of [null, [], "data", 3]) {
      expect(issuesOf({ type: "chat.opened", data })).toEqual(["data: must be an object"]);
    }
    expect(issuesOf({ data: {} })).toEqual([
      `type: must be one of ${sendableEventTypeKeys.join(", ")}`,
    ]);
    expect(issuesOf({ type: "chat.closd", data: {} })).toEqual([
      `type: must be one of ${sendableEventTypeKeys.join(", ")}`,
    ]);
  });

  it("names the whole body when it is not an object", () => {
    for (const body of [null, [], "event", 1]) {
      expect(issuesOf(body)).toEqual([expect.stringMatching(/^\(body\): /)]);
    }
  });

  it("checks id: trimmed, not blank, at most 200 characters", () => {
    expect(eventBodySchema.parse({ id: "  evt_1 ", type: "chat.opened", data: {} }).id).toBe(
      "evt_1",
    );
    expect(issuesOf({ id: "   ", type: "chat.opened", data: {} })).toEqual([
      "id: must not be empty",
    ]);
    expect(issuesOf({ id: "x".repeat(201), type: "chat.opened", data: {} })).toEqual([
      "id: is limited to 200 characters",
    ]);
    expect(issuesOf({ id: 12, type: "chat.opened", data: {} })).toHaveLength(1);
  });

  it("checks occurredAt: ISO-8601 with a zone, and a real date", () => {
    for (const occurredAt of ["2024-05-14T14:05:44Z", "2024-05-14T16:05:44.123+02:00"]) {
      expect(eventBodySchema.safeParse({ type: "chat.opened", occurredAt, data: {} }).success).toBe(
        true,
      );
    }
    for (const occurredAt of [
      "yesterday",
      "2024-05-14",
      "2024-05-14T14:05:44",
      "2024-02-30T00:00:00Z",
    ]) {
      expect(issuesOf({ type: "chat.opened", occurredAt, data: {} })).toEqual([
        "occurredAt: must be an ISO-8601 date-time",
      ]);
    }
  });

  it("reports the envelope and the tokens together", () => {
    const issues = issuesOf({
      id: "",
      type: "chat.closed",
      occurredAt: "not a date",
      data: { customer: "x", chat: { customer_email: "nope" } },
    });
    expect(issues.map((i) => i.split(":")[0]).sort()).toEqual(
      ["data.chat.customer_email", "data.customer", "id", "occurredAt"].sort(),
    );
  });

  it("refuses occurredAt before 1970 (PostgreSQL has no year 0)", () => {
    for (const occurredAt of [
      "0000-01-01T00:00:00Z",
      "0001-01-01T00:30:00+01:00",
      "1969-12-31T23:59:59Z",
    ]) {
      expect(issuesOf({ type: "chat.opened", occurredAt, data: {} })).toEqual([
        "occurredAt: must be in 1970 or later",
      ]);
    }
    expect(
      eventBodySchema.safeParse({
        type: "chat.opened",
        occurredAt: "1970-01-01T00:00:00Z",
        data: {},
      }).success,
    ).toBe(true);
  });

  it("refuses what PostgreSQL cannot store: NUL and lone surrogates, in values, keys and the id", () => {
    expect(
      issuesOf({
        id: "evt\u0000",
        type: "ticket.created",
        data: {
          ticket: { subject: "a\u0000b", status: "\uD800" },
          extra: { "k\u0000": 1, list: ["ok", "x\uDFFFy"] },
        },
      }).sort(),
    ).toEqual(
      [
        "id: must not contain the NUL character (\\u0000)",
        "data.ticket.subject: must not contain the NUL character (\\u0000)",
        "data.ticket.status: must not contain a lone UTF-16 surrogate (invalid Unicode)",
        "data.extra.k\u0000: must not contain the NUL character (\\u0000) in its key",
        "data.extra.list.1: must not contain a lone UTF-16 surrogate (invalid Unicode)",
      ].sort(),
    );
    // Paired surrogates (emoji) and other unusual characters are fine.
    const data = { ticket: { subject: "🙂 e\u0301 \u202E \uFFFF" } };
    expect(eventBodySchema.parse({ type: "ticket.created", data }).data).toEqual(data);
  });

  it(`accepts data ${MAX_DATA_DEPTH} levels deep and refuses one level more`, () => {
    const nest = (levels: number): unknown => {
      let value: unknown = "leaf";
      for (let i = 0; i < levels; i++) value = i % 2 ? { a: value } : [value];
      return value;
    };
    // data itself is level 1.
    const ok = { deep: nest(MAX_DATA_DEPTH - 1) };
    expect(eventBodySchema.safeParse({ type: "ticket.created", data: ok }).success).toBe(true);
    const tooDeep = { deep: nest(MAX_DATA_DEPTH) };
    const issues = issuesOf({ type: "ticket.created", data: tooDeep });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(
      new RegExp(`: is nested too deeply: data may be at most ${MAX_DATA_DEPTH} levels deep$`),
    );
    // A very deep body is refused quickly, without a stack overflow.
    expect(issuesOf({ type: "ticket.created", data: { deep: nest(100_000) } })).toHaveLength(1);
  });

  it("caps the number of storage issues reported", () => {
    const data = {
      extra: Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, "\u0000"])),
    };
    expect(issuesOf({ type: "ticket.created", data })).toHaveLength(20);
  });
});
