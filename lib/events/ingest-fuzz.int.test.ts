import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/events/route";
import { createApiKey, revokeApiKey } from "@/lib/api-keys/service";
import { db } from "@/lib/db/client";
import { eventTypeKeys } from "@/lib/events/catalog";
import { sampleData } from "@/lib/events/sample-data";
import { resetDatabase } from "@/lib/testing/db";
import { createTestOwner, createTestWebhook } from "@/lib/testing/fixtures";

// POST /api/v1/events under hostile requests: random Authorization headers, content types and
// bodies. Whatever comes in, the answer is never a 5xx, a refusal is JSON with an `error`
// string, and a refusal writes nothing (no event, no delivery) — an accepted event adds one row.

const URL_ = "http://localhost/api/v1/events";
const LIMIT = 256 * 1024;

let validKey = "";
let revokedKey = "";

beforeAll(async () => {
  await resetDatabase();
  const { actor } = await createTestOwner();
  await createTestWebhook(actor, { name: "Live" });
  await createTestWebhook(actor, { name: "Test", testMode: true, testEmails: "qa@example.test" });
  validKey = (await createApiKey(actor, "Fuzz")).key;
  const revoked = await createApiKey(actor, "Revoked");
  await revokeApiKey(actor, revoked.id);
  revokedKey = revoked.key;
});

/** A header value the Fetch Headers class accepts (Latin-1, no CR/LF/NUL). */
const headerText = fc.string({
  unit: fc.integer({ min: 0x20, max: 0xff }).map((c) => String.fromCharCode(c)),
  maxLength: 80,
});

// Tokens resolved against the keys made in beforeAll, once they exist.
type Auth = { kind: "none" } | { kind: "raw"; value: string } | { kind: "key"; template: string };
const authorization: fc.Arbitrary<Auth> = fc.oneof(
  { weight: 10, arbitrary: fc.constant<Auth>({ kind: "key", template: "Bearer {valid}" }) },
  { weight: 1, arbitrary: fc.constant<Auth>({ kind: "none" }) },
  {
    weight: 3,
    arbitrary: fc
      .constantFrom(
        "bearer {valid}",
        "Bearer  {valid}",
        "Bearer {valid} ",
        "Bearer {valid}x",
        "Bearer {valid} {valid}",
        "Basic {valid}",
        "{valid}",
        "Bearer {revoked}",
        "Bearer {valid-1}",
      )
      .map((template): Auth => ({ kind: "key", template })),
  },
  {
    weight: 2,
    arbitrary: fc
      .oneof(
        headerText,
        headerText.map((t) => `Bearer ${t}`),
        fc.constantFrom("", "Bearer", "Bearer ", "Bearer whk_", "Bearer ' OR 1=1 --", "Bearer %00"),
      )
      .map((value): Auth => ({ kind: "raw", value })),
  },
);

const VALID_AUTH: Auth = { kind: "key", template: "Bearer {valid}" };

function resolveAuth(auth: Auth): string | null {
  if (auth.kind === "none") return null;
  if (auth.kind === "raw") return auth.value;
  return auth.template
    .replaceAll("{valid-1}", validKey.slice(0, -1))
    .replaceAll("{valid}", validKey)
    .replaceAll("{revoked}", revokedKey);
}

const contentType = fc.oneof(
  { weight: 8, arbitrary: fc.constant<string | null>("application/json") },
  {
    weight: 3,
    arbitrary: fc.constantFrom<string | null>(
      null,
      "",
      "application/json; charset=utf-8",
      "APPLICATION/JSON",
      "application/cloudevents+json",
      "application/jsonp",
      "text/json",
      "text/plain",
      "multipart/form-data; boundary=x",
      "application/x-www-form-urlencoded",
    ),
  },
  { weight: 1, arbitrary: headerText },
);

const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.constantFrom("\u0000", "a\u0000b", "\uD800", "x\uDFFFy", "\u202E", "__proto__", "🙂"),
);

const type = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...eventTypeKeys) },
  { weight: 1, arbitrary: nasty },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) },
);

const occurredAt = fc.oneof(
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom(
    "2024-02-30T00:00:00Z",
    "2024-05-14T14:05:44",
    "0000-01-01T00:00:00Z",
    "-000001-01-01T00:00:00Z",
    "+275760-09-13T00:00:00Z",
    "9999-12-31T23:59:59-23:59",
    "1969-12-31T23:59:59Z",
    "yesterday",
  ),
  fc.jsonValue({ maxDepth: 1 }),
  nasty,
);

/** Valid-looking events: the catalog's sample data, with fields of the wrong type mixed in. */
const eventLike = fc
  .record(
    {
      id: fc.oneof(fc.constantFrom("dup-1", "dup-2"), nasty, fc.jsonValue({ maxDepth: 1 })),
      type,
      occurredAt,
      wrong: fc.dictionary(
        fc.constantFrom("customer", "chat", "visitor", "browser", "ticket", "__proto__"),
        fc.oneof(
          fc.jsonValue({ maxDepth: 2 }),
          fc.dictionary(fc.string({ maxLength: 20 }), fc.oneof(fc.jsonValue(), nasty)),
        ),
        { maxKeys: 3 },
      ),
      extra: fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
    },
    { requiredKeys: ["type"] },
  )
  .map(({ id, type, occurredAt, wrong, extra }) => {
    const data =
      typeof type === "string" && (eventTypeKeys as readonly string[]).includes(type)
        ? sampleData(type as (typeof eventTypeKeys)[number])
        : {};
    return JSON.stringify({ id, type, occurredAt, data: { ...data, ...extra, ...wrong } });
  });

/** Events that should be accepted (or answered 200 as a repeat): the acceptance path. */
const validEvent = fc
  .record(
    {
      id: fc.oneof(fc.constantFrom("dup-1", "dup-2"), fc.uuid()),
      type: fc.constantFrom(...eventTypeKeys),
      occurredAt: fc
        .date({
          noInvalidDate: true,
          min: new Date("1970-01-01T00:00:00Z"),
          max: new Date("2100-01-01T00:00:00Z"),
        })
        .map((d) => d.toISOString()),
      extra: fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
    },
    { requiredKeys: ["type"] },
  )
  .map(({ extra, ...event }) =>
    JSON.stringify({ ...event, data: { ...extra, ...sampleData(event.type) } }),
  );

/** Raw JSON text no JSON.stringify would produce: proto keys, numbers out of range. */
const rawJson = fc.constantFrom(
  '{"__proto__":{"polluted":true},"type":"chat.closed","data":{}}',
  '{"type":"chat.closed","data":{"__proto__":{"polluted":true}}}',
  '{"type":"chat.closed","data":{"constructor":{"prototype":{"polluted":true}}}}',
  '{"type":"chat.closed","data":{"chat":{"__proto__":{"session_id":1}}}}',
  '{"type":"chat.closed","data":{"visitor":{"queue_position":1e309}}}',
  '{"type":"chat.closed","data":{"n":-1e309,"m":1e-400,"k":123456789012345678901234567890}}',
  '{"type":"chat.closed","data":{"a":1,"a":"dup-key"}}',
  '{"type":"chat.closed","data":{}}\u0000',
  '{"type":"chat.closed","data":{"\\u0000":1}}',
  '{"type":"chat.closed","data":{"s":"\\ud800"}}',
  '{"type":"chat.closed","id":"\\u0000","data":{}}',
  '\uFEFF{"type":"chat.closed","data":{}}',
  '{"type":"chat.closed","data":[]}',
  '{"type":"chat.closed","data":null}',
  "[]",
  "null",
  "1e309",
  '"__proto__"',
);

/** Deeply nested arrays or objects, well past what the storage layer can recurse through. */
const deep = fc.tuple(fc.integer({ min: 1, max: 50_000 }), fc.boolean()).map(([depth, arrays]) => {
  const [open, close] = arrays ? ["[", "]"] : ['{"a":', "}"];
  return `{"type":"chat.closed","data":{"chat":${open.repeat(depth)}1${close.repeat(depth)}}}`;
});

/** Valid events sized a few bytes either side of the 256 KiB limit (ASCII or multi-byte). */
const nearLimit = fc
  .tuple(fc.integer({ min: -64, max: 64 }), fc.constantFrom("x", "é", "🙂"))
  .map(([delta, ch]) => {
    const head = '{"type":"chat.closed","data":{"pad":"';
    const tail = '"}}';
    const bytes = Buffer.byteLength(ch);
    const room = LIMIT + delta - Buffer.byteLength(head + tail);
    return head + ch.repeat(Math.floor(room / bytes)) + "x".repeat(room % bytes) + tail;
  });

type Body = string | Uint8Array<ArrayBuffer> | null;
const body: fc.Arbitrary<Body> = fc.oneof(
  { weight: 5, arbitrary: eventLike },
  { weight: 4, arbitrary: validEvent },
  { weight: 2, arbitrary: rawJson },
  { weight: 1, arbitrary: fc.string() },
  { weight: 1, arbitrary: fc.string({ unit: "binary" }) },
  { weight: 1, arbitrary: fc.json() },
  { weight: 1, arbitrary: fc.object().map((o) => JSON.stringify(o) ?? "") },
  { weight: 1, arbitrary: deep },
  { weight: 1, arbitrary: nearLimit },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((a) => new Uint8Array(a)) },
  { weight: 1, arbitrary: fc.constant(null) },
);

async function counts() {
  const [events, deliveries] = await Promise.all([db.event.count(), db.delivery.count()]);
  return { events, deliveries };
}

function send(auth: string | null, type: string | null, payload: Body): Promise<Response> {
  const headers = new Headers();
  if (auth !== null) headers.set("authorization", auth);
  if (type !== null) headers.set("content-type", type);
  return POST(new Request(URL_, { method: "POST", headers, body: payload }));
}

describe("POST /api/v1/events under hostile requests", () => {
  it("never answers 5xx, refuses with a JSON error, and never half-writes", async () => {
    // A failure prints fast-check's seed and path: pass them to fc.assert to replay it.
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(authorization, contentType, body, async (auth, type, payload) => {
        const before = await counts();
        const res = await send(resolveAuth(auth), type, payload);
        seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
        const text = await res.text();
        const after = await counts();
        const where = `status ${res.status} ${text.slice(0, 200)}`;

        expect(res.status, where).toBeLessThan(500);
        expect(res.headers.get("content-type"), where).toMatch(/^application\/json/);
        const answer = JSON.parse(text) as Record<string, unknown>;
        if (res.status === 202) {
          expect(answer).toEqual({ eventId: expect.any(String), deliveries: expect.any(Number) });
          expect(after.events, where).toBe(before.events + 1);
          expect(after.deliveries, where).toBe(before.deliveries + Number(answer.deliveries));
          return;
        }
        if (res.status >= 400) expect(answer.error, where).toEqual(expect.any(String));
        else expect(answer, where).toMatchObject({ duplicate: true });
        expect(after, where).toEqual(before);
      }),
      {
        numRuns: 150,
        // Run first, whatever the seed, so every kind of answer is always reached: a repeat
        // (200), an acceptance (202), an invalid event (400), no key (401), not JSON (415).
        examples: [
          [VALID_AUTH, "application/json", '{"id":"dup-x","type":"chat.closed","data":{}}'],
          [VALID_AUTH, "application/json", '{"id":"dup-x","type":"chat.closed","data":{}}'],
          [VALID_AUTH, "application/json", '{"type":"no.such_type","data":{}}'],
          [{ kind: "none" }, "application/json", '{"type":"chat.closed","data":{}}'],
          [VALID_AUTH, "text/plain", '{"type":"chat.closed","data":{}}'],
        ],
      },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Acceptance and every kind of refusal were reached (the examples guarantee it).
    for (const status of [200, 202, 400, 401, 415])
      expect(seen.get(status) ?? 0).toBeGreaterThan(0);
  }, 120_000);
});
