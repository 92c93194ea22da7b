import { newWebhookDefaults } from "@/lib/webhooks/form-values";
import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import * as batchRoute from "@/app/api/v1/events/batch/route";
import * as route from "@/app/api/v1/events/route";
import type { Role } from "@/generated/prisma/enums";
import { createApiKey, revokeApiKey } from "@/lib/api-keys/service";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { sampleData } from "@/lib/events/sample-data";
import { sendableEventTypeKeys } from "@/lib/events/time-based";
import { resetDatabase } from "@/lib/testing/db";
import { createWebhookSchema, type WebhookFormValues } from "@/lib/webhooks/schemas";
import { createWebhook } from "@/lib/webhooks/service";

// POST /api/v1/events, called as Next calls it (a Request in, a Response out), against the
// real database: authentication, limits, validation, idempotency and fan-out to webhooks.
// The embedded worker is never started here, so deliveries stay pending for inspection.

const URL_ = "http://localhost/api/v1/events";
const LIMIT = 256 * 1024;
const UNAUTHORIZED =
  "Missing or invalid API key. Send Authorization: Bearer <key> (Settings → API keys).";

type Org = { id: string; name: string };

async function createOrg(name: string): Promise<Org> {
  return db.organization.create({ data: { name }, select: { id: true, name: true } });
}

async function createOwner(org: Org, email: string, role: Role = "OWNER"): Promise<Actor> {
  const user = await db.user.create({ data: { email, name: email, passwordHash: "unused" } });
  await db.membership.create({ data: { userId: user.id, organizationId: org.id, role } });
  return {
    userId: user.id,
    email,
    name: email,
    organizationId: org.id,
    organizationName: org.name,
    role,
  };
}

const baseWebhook: WebhookFormValues = {
  ...newWebhookDefaults(""),
  url: "https://receiver.example.com/hooks/chat",
  testMode: false,
};

async function addWebhook(actor: Actor, overrides: Partial<WebhookFormValues>) {
  const { id } = await createWebhook(
    actor,
    createWebhookSchema.parse({ ...baseWebhook, ...overrides }),
  );
  return id;
}

type Send = {
  body?: BodyInit | null;
  json?: unknown;
  key?: string | null;
  authorization?: string;
  contentType?: string | null;
  headers?: Record<string, string>;
};

/** Calls the route handler with a request built like a client's. */
function send({ body, json, key, authorization, contentType, headers }: Send): Promise<Response> {
  const h = new Headers(headers);
  if (authorization !== undefined) h.set("authorization", authorization);
  else if (key) h.set("authorization", `Bearer ${key}`);
  if (contentType !== null) h.set("content-type", contentType ?? "application/json");
  const payload = json !== undefined ? JSON.stringify(json) : body;
  const init: RequestInit & { duplex?: "half" } = { method: "POST", headers: h, body: payload };
  if (payload instanceof ReadableStream) init.duplex = "half";
  return route.POST(new Request(URL_, init));
}

const chatClosed = (extra: object = {}) => ({
  type: "chat.closed",
  occurredAt: "2024-05-14T14:05:44Z",
  data: sampleData("chat.closed"),
  ...extra,
});

/** A stream of `chunk`-byte pieces of `x`, `total` bytes in all (Infinity: never ends). */
function byteStream(total: number, chunk = 64 * 1024) {
  const seen = { pulled: 0, cancelled: false };
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close();
      const n = Math.min(chunk, total - sent);
      sent += n;
      seen.pulled += n;
      controller.enqueue(new Uint8Array(n).fill(0x78));
    },
    cancel() {
      seen.cancelled = true;
    },
  });
  return { stream, seen };
}

let orgA: Org;
let orgB: Org;
let ownerA: Actor;
let ownerB: Actor;
let keyA: string;
let keyAId: string;

beforeEach(async () => {
  await resetDatabase();
  orgA = await createOrg("Org A");
  orgB = await createOrg("Org B");
  ownerA = await createOwner(orgA, "owner@a.test");
  ownerB = await createOwner(orgB, "owner@b.test");
  const created = await createApiKey(ownerA, "Ingest");
  keyA = created.key;
  keyAId = created.id;
});

describe("POST /api/v1/events", () => {
  it("stores the event and one delivery per matching enabled webhook: Test → TEST, Live → LIVE", async () => {
    const live = await addWebhook(ownerA, { name: "Live" });
    const test = await addWebhook(ownerA, {
      name: "Test",
      testMode: true,
      testEmails: "qa@a.test",
    });
    await addWebhook(ownerA, { name: "Disabled", enabled: false });
    await addWebhook(ownerA, { name: "Other type", eventType: "chat.opened" });
    await addWebhook(ownerB, { name: "Org B's live" });

    const body = chatClosed({ id: "evt-1" });
    const res = await send({ key: keyA, json: body });

    expect(res.status).toBe(202);
    const answer = await res.json();
    expect(answer).toEqual({ eventId: expect.any(String), deliveries: 2 });

    const event = await db.event.findUniqueOrThrow({ where: { id: answer.eventId } });
    expect(event).toMatchObject({
      organizationId: orgA.id,
      externalId: "evt-1",
      type: "chat.closed",
      source: "api",
      data: body.data,
    });
    expect(event.occurredAt.toISOString()).toBe("2024-05-14T14:05:44.000Z");

    const deliveries = await db.delivery.findMany({
      select: { webhookId: true, mode: true, status: true, organizationId: true, eventId: true },
    });
    expect(deliveries.sort((a, b) => a.mode.localeCompare(b.mode))).toEqual([
      {
        webhookId: live,
        mode: "LIVE",
        status: "PENDING",
        organizationId: orgA.id,
        eventId: event.id,
      },
      {
        webhookId: test,
        mode: "TEST",
        status: "PENDING",
        organizationId: orgA.id,
        eventId: event.id,
      },
    ]);
  });

  it("answers 202 with 0 deliveries when no webhook matches, and defaults occurredAt to now", async () => {
    const before = Date.now();
    const res = await send({ key: keyA, json: { type: "ticket.created", data: {} } });
    expect(res.status).toBe(202);
    const { eventId, deliveries } = await res.json();
    expect(deliveries).toBe(0);
    const event = await db.event.findUniqueOrThrow({ where: { id: eventId } });
    expect(event.externalId).toBeNull();
    expect(event.occurredAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(event.occurredAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it("answers a repeated id with 200 and the first event, creating nothing", async () => {
    await addWebhook(ownerA, { name: "Live" });
    const first = await (await send({ key: keyA, json: chatClosed({ id: "evt-dup" }) })).json();

    // A different body with the same id is still the same event.
    const again = await send({
      key: keyA,
      json: chatClosed({ id: "evt-dup", data: { chat: { session_id: "other" } } }),
    });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ eventId: first.eventId, duplicate: true });
    expect(await db.event.count()).toBe(1);
    expect(await db.delivery.count()).toBe(1);

    // Without an id, the same body is a new event each time.
    expect((await send({ key: keyA, json: chatClosed() })).status).toBe(202);
    expect((await send({ key: keyA, json: chatClosed() })).status).toBe(202);
    expect(await db.event.count()).toBe(3);
  });

  it("treats the same id after 7 days as a new event", async () => {
    const first = await (await send({ key: keyA, json: chatClosed({ id: "evt-old" }) })).json();
    await db.event.update({
      where: { id: first.eventId },
      data: { receivedAt: new Date(Date.now() - 8 * 24 * 60 * 60_000) },
    });

    const res = await send({ key: keyA, json: chatClosed({ id: "evt-old" }) });
    expect(res.status).toBe(202);
    const second = await res.json();
    expect(second.eventId).not.toBe(first.eventId);
    expect(await db.event.count({ where: { externalId: "evt-old" } })).toBe(2);

    // …and that new event is now the one a repeat finds.
    const third = await send({ key: keyA, json: chatClosed({ id: "evt-old" }) });
    expect(await third.json()).toEqual({ eventId: second.eventId, duplicate: true });
  });

  it("creates exactly one event for 10 concurrent sends of the same id", async () => {
    await addWebhook(ownerA, { name: "Live" });
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => send({ key: keyA, json: chatClosed({ id: "evt-race" }) })),
    );
    const answers = await Promise.all(responses.map((r) => r.json()));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 202]);
    const eventIds = new Set(answers.map((a) => a.eventId));
    expect(eventIds.size).toBe(1);
    expect(await db.event.count()).toBe(1);
    expect(await db.delivery.count()).toBe(1);
  });

  it("scopes ids by organization: another organization's event with the same id is not a duplicate", async () => {
    const keyB = (await createApiKey(ownerB, "B")).key;
    const a = await send({ key: keyA, json: chatClosed({ id: "shared" }) });
    const b = await send({ key: keyB, json: chatClosed({ id: "shared" }) });
    expect(a.status).toBe(202);
    expect(b.status).toBe(202);
    expect(await db.event.count({ where: { organizationId: orgA.id } })).toBe(1);
    expect(await db.event.count({ where: { organizationId: orgB.id } })).toBe(1);
  });

  it("keeps events of two organizations sent at the same moment apart, each with its deliveries", async () => {
    const keyB = (await createApiKey(ownerB, "B")).key;
    const webhookA = await addWebhook(ownerA, { name: "A live" });
    const webhookB = await addWebhook(ownerB, { name: "B live" });
    // Ten ids, each sent three times at once: even ones by A, odd ones by B.
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        send({ key: i % 2 ? keyB : keyA, json: chatClosed({ id: `e-${i % 10}` }) }),
      ),
    );
    expect(responses.filter((r) => r.status === 202)).toHaveLength(10);
    expect(responses.filter((r) => r.status === 200)).toHaveLength(20);
    for (const [org, webhook, parity] of [
      [orgA, webhookA, 0],
      [orgB, webhookB, 1],
    ] as const) {
      const events = await db.event.findMany({ where: { organizationId: org.id } });
      expect(events.map((e) => e.externalId).sort()).toEqual(
        [0, 2, 4, 6, 8].map((n) => `e-${n + parity}`),
      );
      const deliveries = await db.delivery.findMany({
        where: { eventId: { in: events.map((e) => e.id) } },
      });
      expect(deliveries.map((d) => [d.webhookId, d.organizationId])).toEqual(
        events.map(() => [webhook, org.id]),
      );
    }
  });

  it("refuses an occurredAt that falls in the year 10000 in UTC, which no date reads back", async () => {
    const res = await send({
      key: keyA,
      json: chatClosed({ occurredAt: "9999-12-31T23:59:59-23:59" }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).issues).toEqual([
      { path: "occurredAt", message: "must be before the year 10000 in UTC" },
    ]);
    expect(await db.event.count()).toBe(0);
  });

  it("never creates events or deliveries for another organization with an organization's key", async () => {
    const webhookB = await addWebhook(ownerB, { name: "B live" });
    for (const type of sendableEventTypeKeys) {
      const res = await send({ key: keyA, json: { type, data: sampleData(type) } });
      expect(res.status).toBe(202);
    }
    expect(await db.event.count({ where: { organizationId: orgB.id } })).toBe(0);
    expect(await db.event.count({ where: { organizationId: orgA.id } })).toBe(
      sendableEventTypeKeys.length,
    );
    expect(await db.delivery.count({ where: { webhookId: webhookB } })).toBe(0);
    expect(await db.delivery.count()).toBe(0);
  });

  it("lists every failing field in one 400", async () => {
    const res = await send({
      key: keyA,
      json: {
        id: "",
        type: "chat.closed",
        occurredAt: "14 May 2024",
        data: { customer: "Mary", chat: { customer_email: "mary at example", session_id: 7 } },
      },
    });
    expect(res.status).toBe(400);
    const answer = await res.json();
    expect(answer.error).toBe("The event is not valid.");
    expect(answer.issues.map((i: { path: string }) => i.path).sort()).toEqual(
      [
        "data.chat.customer_email",
        "data.chat.session_id",
        "data.customer",
        "id",
        "occurredAt",
      ].sort(),
    );
    expect(answer.issues).toContainEqual({
      path: "data.chat.customer_email",
      message: "must be an e-mail address",
    });
    expect(answer.issues).toContainEqual({ path: "data.customer", message: "must be an object" });

    const envelope = await send({
      key: keyA,
      json: { type: "chat.finished", occurredAt: "2024-05-14", data: [] },
    });
    expect(envelope.status).toBe(400);
    const { issues } = await envelope.json();
    expect(issues.map((i: { path: string }) => i.path).sort()).toEqual([
      "data",
      "occurredAt",
      "type",
    ]);
    expect(issues.find((i: { path: string }) => i.path === "type").message).toContain(
      "chat.closed",
    );
    expect(await db.event.count()).toBe(0);
  });

  it("keeps unknown extra fields of data in the stored event", async () => {
    const data = {
      ...sampleData("chat.opened"),
      crm: { account: { id: 42, tier: "gold", flags: [true, null] } },
      chat: { ...sampleData("chat.opened").chat, sentiment: 0.82 },
    };
    const res = await send({ key: keyA, json: { type: "chat.opened", data } });
    expect(res.status).toBe(202);
    const { eventId } = await res.json();
    const event = await db.event.findUniqueOrThrow({ where: { id: eventId } });
    expect(event.data).toEqual(data);
  });

  it("refuses a key from the moment it is revoked, though it was just used", async () => {
    const key = await createApiKey(ownerA, "Rotating");
    expect((await send({ key: key.key, json: chatClosed() })).status).toBe(202);
    await revokeApiKey(ownerA, key.id);
    const res = await send({ key: key.key, json: chatClosed() });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: UNAUTHORIZED });
  });

  it("answers 401 with the same message for missing, malformed, unknown and revoked keys", async () => {
    const revoked = await createApiKey(ownerA, "Old");
    await revokeApiKey(ownerA, revoked.id);
    const attempts: Send[] = [
      { key: null },
      { authorization: "" },
      { authorization: keyA }, // no scheme
      { authorization: `Basic ${keyA}` },
      { authorization: "Bearer" },
      { authorization: `Bearer ${keyA} extra` },
      { authorization: `Bearer ${keyA.replace("whk_", "sk_")}` },
      { authorization: `Bearer whk_${"x".repeat(300)}` },
      { key: `whk_${"0".repeat(43)}` },
      { key: `${keyA}x` },
      { key: revoked.key },
    ];
    for (const attempt of attempts) {
      const res = await send({ ...attempt, json: chatClosed() });
      expect(res.status, JSON.stringify(attempt)).toBe(401);
      expect(await res.json()).toEqual({ error: UNAUTHORIZED });
    }
    expect(await db.event.count()).toBe(0);
    // The scheme is case-insensitive, as HTTP says.
    expect((await send({ authorization: `bearer ${keyA}`, json: chatClosed() })).status).toBe(202);
  });

  it("answers 413 above 256 KiB with an honest Content-Length, before reading the body", async () => {
    const { stream, seen } = byteStream(LIMIT + 1);
    const res = await send({
      key: keyA,
      body: stream,
      headers: { "content-length": String(LIMIT + 1) },
    });
    expect(res.status).toBe(413);
    expect((await res.json()).error).toBe("The body is larger than 256 KiB.");
    expect(seen.pulled).toBeLessThanOrEqual(64 * 1024); // at most the stream's own prefetch

    const big = JSON.stringify(chatClosed({ padding: "x".repeat(LIMIT) }));
    const res2 = await send({
      key: keyA,
      body: big,
      headers: { "content-length": String(Buffer.byteLength(big)) },
    });
    expect(res2.status).toBe(413);
    expect(await db.event.count()).toBe(0);
  });

  it("answers 413 for a chunked body without Content-Length, reading at most 8 MiB more of it", async () => {
    // A client still sending gets the answer: the rest is read and dropped, up to 8 MiB.
    const upload = byteStream(1024 * 1024);
    const res1 = await send({ key: keyA, body: upload.stream });
    expect(res1.status).toBe(413);
    expect(upload.seen).toEqual({ pulled: 1024 * 1024, cancelled: false });
    // One that never ends is cut off.
    const { stream, seen } = byteStream(Number.POSITIVE_INFINITY);
    const res = await send({ key: keyA, body: stream });
    expect(res.status).toBe(413);
    expect(seen.cancelled).toBe(true);
    expect(seen.pulled).toBeLessThanOrEqual(LIMIT + 8 * 1024 * 1024 + 4 * 64 * 1024);

    // A Content-Length that lies low does not get a big body through either.
    const lying = byteStream(LIMIT + 10);
    const res2 = await send({
      key: keyA,
      body: lying.stream,
      headers: { "content-length": "100" },
    });
    expect(res2.status).toBe(413);
    expect(await db.event.count()).toBe(0);
  });

  it("accepts a body of exactly 256 KiB", async () => {
    const base = JSON.stringify(chatClosed({ padding: "" }));
    const body = JSON.stringify(
      chatClosed({ padding: "x".repeat(LIMIT - Buffer.byteLength(base)) }),
    );
    expect(Buffer.byteLength(body)).toBe(LIMIT);
    const res = await send({ key: keyA, body });
    expect(res.status).toBe(202);
  });

  it("answers 415 for a body that is not declared as JSON", async () => {
    for (const contentType of [
      "text/plain",
      "text/plain;charset=UTF-8",
      "application/x-www-form-urlencoded",
      "application/jsonp",
      "multipart/form-data; boundary=x",
    ]) {
      const res = await send({ key: keyA, contentType, body: JSON.stringify(chatClosed()) });
      expect(res.status, contentType).toBe(415);
      expect((await res.json()).error).toBe(
        "The body must be JSON: send Content-Type: application/json.",
      );
    }
    const none = await send({ key: keyA, contentType: null, body: null });
    expect(none.status).toBe(415);
    for (const contentType of ["application/json; charset=utf-8", "application/cloudevents+json"]) {
      expect((await send({ key: keyA, contentType, json: chatClosed() })).status).toBe(202);
    }
  });

  it("answers 400 naming the byte for a body that is not UTF-8, so no two ids read as one", async () => {
    const body = (id: string) =>
      Buffer.concat([
        Buffer.from('{"id":"'),
        Buffer.from(id, "latin1"),
        Buffer.from(`","type":"chat.closed","data":{}}`),
      ]);
    for (const id of ["x-\xff", "x-\xfe"]) {
      const res = await send({ key: keyA, body: body(id) });
      expect(res.status).toBe(400);
      expect((await res.json()).error).toBe(
        `The body is not valid UTF-8: the byte at offset 9 (0x${id.charCodeAt(2).toString(16)}) does not begin a well-formed character. Send JSON encoded as UTF-8.`,
      );
    }
    expect(await db.event.count()).toBe(0);
    // The same ids as UTF-8 characters (ÿ, þ) are two events.
    for (const id of ["x-\xff", "x-\xfe"]) {
      expect(
        (await send({ key: keyA, body: Buffer.from(body(id).toString("latin1")) })).status,
      ).toBe(202);
    }
    expect(await db.event.count()).toBe(2);
  });

  it("answers GET, PUT, PATCH and DELETE with 405 JSON and Allow: POST, on both ingest routes", async () => {
    for (const [path, handlers] of [
      ["/api/v1/events", route],
      ["/api/v1/events/batch", batchRoute],
    ] as const) {
      for (const method of ["GET", "PUT", "PATCH", "DELETE"] as const) {
        const res = await handlers[method](new Request(`http://localhost${path}`, { method }));
        expect(res.status, `${method} ${path}`).toBe(405);
        expect(res.headers.get("allow")).toBe("POST");
        expect(await res.json()).toEqual({
          error: `${method} is not supported here: send events with POST (Authorization: Bearer <key>, Content-Type: application/json).`,
        });
      }
    }
  });

  it("answers 400 for a body that is not JSON", async () => {
    for (const body of ["", "{", "{'type': 'chat.closed'}", "undefined", '{"a":1}}', "\uFEFF{}"]) {
      const res = await send({ key: keyA, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await res.json()).error).toMatch(/^The body is not valid JSON: /);
    }
    for (const json of [null, [], "chat.closed", 42]) {
      const res = await send({ key: keyA, json });
      expect(res.status).toBe(400);
      expect((await res.json()).issues).toEqual([{ path: "(body)", message: expect.any(String) }]);
    }
    expect(await db.event.count()).toBe(0);
  });

  // Each of these answered 503 ("retry shortly") before the schema refused them: PostgreSQL
  // rejects NUL and lone surrogates, and deep nesting overflowed the stack while storing.
  it("answers 400, not 503, to bodies the database cannot store", async () => {
    const bodies = {
      "data.x": '{"type":"chat.closed","data":{"x":"a\\u0000b"}}',
      "data.k\u0000": '{"type":"chat.closed","data":{"k\\u0000":1}}',
      id: '{"type":"chat.closed","id":"evt\\u0000","data":{}}',
      "data.chat.transcript": '{"type":"chat.closed","data":{"chat":{"transcript":"\\ud800"}}}',
      "data.\udfff": '{"type":"chat.closed","data":{"\\udfff":1}}',
      occurredAt: '{"type":"chat.closed","occurredAt":"0000-01-01T00:00:00Z","data":{}}',
    };
    for (const [path, body] of Object.entries(bodies)) {
      const res = await send({ key: keyA, body });
      expect(res.status, body).toBe(400);
      expect((await res.json()).issues.map((i: { path: string }) => i.path)).toEqual([path]);
    }
    for (const depth of [5_000, 50_000]) {
      const body = `{"type":"chat.closed","data":{"x":${"[".repeat(depth)}${"]".repeat(depth)}}}`;
      const res = await send({ key: keyA, body });
      expect(res.status).toBe(400);
      expect((await res.json()).issues[0].message).toMatch(/nested too deeply/);
    }
    expect(await db.event.count()).toBe(0);
    // Emoji (paired surrogates) are stored as sent.
    const res = await send({ key: keyA, json: { type: "chat.closed", data: { x: "🙂 e\u0301" } } });
    expect(res.status).toBe(202);
    const { eventId } = await res.json();
    expect((await db.event.findUniqueOrThrow({ where: { id: eventId } })).data).toEqual({
      x: "🙂 e\u0301",
    });
  });

  it("records when a key was last used", async () => {
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: keyAId } })).lastUsedAt).toBeNull();
    const before = Date.now();
    expect((await send({ key: keyA, json: chatClosed() })).status).toBe(202);
    const { lastUsedAt } = await db.apiKey.findUniqueOrThrow({ where: { id: keyAId } });
    expect(lastUsedAt).not.toBeNull();
    expect(lastUsedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(lastUsedAt!.getTime()).toBeLessThanOrEqual(Date.now() + 1000);

    // A key used long ago gets a new time; a refused body still counts as use of the key.
    const old = await createApiKey(ownerA, "Old");
    await db.apiKey.update({ where: { id: old.id }, data: { lastUsedAt: new Date(0) } });
    expect((await send({ key: old.key, contentType: "text/plain", body: "x" })).status).toBe(415);
    const later = await db.apiKey.findUniqueOrThrow({ where: { id: old.id } });
    expect(later.lastUsedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });
});

// Property-based: whatever the body, the API answers with a client status and never a 5xx
// (its catch-all answers 503, which would hide a crash behind "retry shortly").
describe("POST /api/v1/events with random bodies", () => {
  const sectionKeys = [
    "customer",
    "browser",
    "chat",
    "visitor",
    "ticket",
    "offline_message",
    "pre_chat_survey",
  ];
  const tokenKeys = [
    "customer_email",
    "session_id",
    "started_at",
    "pages_visited",
    "ip_address",
    "java_enabled",
    "tags",
    "source",
    "url",
    "queue_position",
  ];

  /** Strings a database or a JSON encoder may choke on. */
  const nasty = fc.oneof(
    fc.string({ unit: "binary" }),
    fc.string({ unit: "grapheme" }),
    fc.constantFrom(
      "\u0000",
      "a\u0000b",
      "\uD800",
      "x\uDFFFy",
      "\uFFFF",
      "🙂",
      "\u202E",
      "e\u0301",
    ),
  );
  const hugeNumberText = fc.constantFrom(
    "1e400",
    "-1e400",
    "1e-400",
    "123456789012345678901234567890123456789",
    "-0",
    "9007199254740993",
    "0.1e-999999",
  );
  const leaf = fc.oneof(fc.jsonValue({ maxDepth: 2 }), nasty);
  const section = fc.oneof(
    fc.dictionary(fc.oneof(fc.constantFrom(...tokenKeys), nasty), leaf, { maxKeys: 6 }),
    leaf,
  );
  const data = fc.oneof(
    fc.dictionary(fc.oneof(fc.constantFrom(...sectionKeys), nasty), section, { maxKeys: 5 }),
    fc.jsonValue(),
  );
  const envelope = fc.record(
    {
      id: fc.oneof(nasty, fc.jsonValue({ maxDepth: 1 })),
      type: fc.oneof(fc.constantFrom(...sendableEventTypeKeys), nasty),
      occurredAt: fc.oneof(
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        fc.constantFrom(
          "2024-02-30T00:00:00Z",
          "0000-01-01T00:00:00Z",
          "9999-12-31T23:59:59-23:59",
        ),
        nasty,
      ),
      data,
    },
    { requiredKeys: ["type", "data"] },
  );
  const nested = (depth: number, open: string, close: string) =>
    `{"type":"chat.closed","data":{"chat":${open.repeat(depth)}1${close.repeat(depth)}}}`;

  // Valid events with random extra data, some with a repeated id (the duplicate path).
  const validEvent = fc
    .record({
      type: fc.constantFrom(...sendableEventTypeKeys),
      id: fc.option(fc.constantFrom("dup-1", "dup-2"), { nil: undefined }),
      extra: fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 }),
    })
    .map(({ type, id, extra }) =>
      JSON.stringify({ id, type, data: { ...extra, ...sampleData(type) } }),
    );

  const body = fc.oneof(
    { weight: 5, arbitrary: envelope.map((e) => JSON.stringify(e)) },
    { weight: 2, arbitrary: validEvent },
    { weight: 2, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: nasty },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 1, max: 100_000 })
        .chain((depth) =>
          fc.constantFrom(
            nested(depth, "[", "]"),
            nested(depth, '{"a":', "}"),
            `{"type":"ticket.created","data":{"x":${"[".repeat(depth)}${"]".repeat(depth)}}}`,
          ),
        ),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.constantFrom(...sendableEventTypeKeys),
          hugeNumberText,
          fc.constantFrom(...tokenKeys),
        )
        .map(
          ([type, n, token]) =>
            `{"type":"${type}","data":{"chat":{"${token}":${n}},"visitor":{"queue_position":${n}},"n":${n}}}`,
        ),
    },
    {
      weight: 1,
      arbitrary: fc.constant(
        JSON.stringify({ type: "chat.closed", data: { x: "y".repeat(LIMIT) } }),
      ),
    },
  );
  const contentType = fc.oneof(
    { weight: 8, arbitrary: fc.constant("application/json") },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        "application/json; charset=utf-8",
        "text/plain",
        "",
        "application/x+json",
      ),
    },
  );

  it("answers 200, 202, 400, 413 or 415 to 300 random bodies, never a 5xx", async () => {
    // A failure prints fast-check's seed and path: pass them to fc.assert to replay it.
    await addWebhook(ownerA, { name: "Live" });
    const allowed = [200, 202, 400, 413, 415];
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(body, contentType, async (text, type) => {
        const res = await send({ key: keyA, contentType: type, body: text });
        const answer = await res.json();
        seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
        if (!allowed.includes(res.status)) {
          throw new Error(
            `status ${res.status} (${JSON.stringify(answer)}) for ${text.slice(0, 200)}`,
          );
        }
        if (res.status === 202)
          expect(answer).toEqual({ eventId: expect.any(String), deliveries: expect.any(Number) });
        else if (res.status === 200) expect(answer).toMatchObject({ duplicate: true });
        else expect(answer.error).toEqual(expect.any(String));
      }),
      { numRuns: 300 },
    );
    // The generators reach the stored path, not only the refusals.
    expect(seen.get(202)).toBeGreaterThan(10);
    expect(seen.get(200)).toBeGreaterThan(0);
    expect(seen.get(400)).toBeGreaterThan(10);
  }, 120_000); // ~2 s alone; room for a loaded machine
});
