import type http from "node:http";
import { Webhook as StandardWebhook } from "standardwebhooks";
import { Webhook as SvixWebhook } from "svix";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { attemptDelivery, MAX_STORED_RESPONSE_BYTES, type Clock } from "@/lib/delivery/attempt";
import { closeOutboundAgents } from "@/lib/outbound/guarded-send";
import { STORED_ONLY_RESPONSE } from "@/lib/outbound/mailer";
import { ingestEvent } from "@/lib/events/ingest";
import { REDACTED } from "@/lib/payload/redact";
import { MASK, USER_AGENT } from "@/lib/payload/request";
import { resetDatabase } from "@/lib/testing/db";
import {
  createTestOwner,
  createTestWebhook,
  ingestTestEvent,
  testEventData,
} from "@/lib/testing/fixtures";
import { startReceiver, unusedPort, type Receiver, type Reply } from "@/lib/testing/receiver";
import { waitFor } from "@/lib/testing/wait-for";
import type { WebhookFormValues } from "@/lib/webhooks/schemas";
import { rotateSigningSecret } from "@/lib/webhooks/service";

// attemptDelivery against real receivers on 127.0.0.1 and the real database: what arrives over
// the wire, and what is recorded (DeliveryAttempt, Delivery, Webhook). Times that matter are
// driven by the clock attemptDelivery takes; nothing here sleeps.

const SECOND = 1000;
const SESSION_ID = "CS-20240514-7F3K9Q"; // the catalog's sample chat.session_id

let actor: Actor;
let orgId: string;
const receivers: Receiver[] = [];

beforeAll(async () => {
  // No SMTP here: Test mode deliveries are kept in the app only (STORED_ONLY).
  delete process.env.SMTP_URL;
  await resetDatabase();
});

// A fresh organization per test instead of a reset: every query below is scoped to the
// test's own organization, webhook or delivery, and emptying the tables costs more than a test.
beforeEach(async () => {
  const owner = await createTestOwner();
  actor = owner.actor;
  orgId = owner.org.id;
});

afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

afterAll(async () => {
  // Retrying deliveries are left due soon: leave no work for a later file's worker.
  await resetDatabase();
  await closeOutboundAgents();
  await db.$disconnect();
});

async function receiver(respond?: Reply | Parameters<typeof startReceiver>[0]) {
  const r = await startReceiver(respond);
  receivers.push(r);
  return r;
}

/** A webhook created through the service, and one event ingested for it. */
async function setup(overrides: Partial<WebhookFormValues>) {
  const webhook = await createTestWebhook(actor, overrides);
  const { deliveries } = await ingestTestEvent(orgId, { webhookId: webhook.id });
  expect(deliveries).toHaveLength(1);
  return { webhookId: webhook.id, secret: webhook.signingSecret, deliveryId: deliveries[0]!.id };
}

const clockAt = (at: Date): Clock => ({ now: () => at });
const plus = (at: Date, ms: number) => new Date(at.getTime() + ms);

const deliveryRow = (id: string) => db.delivery.findUniqueOrThrow({ where: { id } });
const webhookRow = (id: string) => db.webhook.findUniqueOrThrow({ where: { id } });
const attemptRows = (deliveryId: string) =>
  db.deliveryAttempt.findMany({ where: { deliveryId }, orderBy: { number: "asc" } });

async function onlyAttempt(deliveryId: string) {
  const rows = await attemptRows(deliveryId);
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

/** The three Standard Webhooks headers as a receiver hands them to a verifier. */
function signatureHeaders(headers: http.IncomingHttpHeaders) {
  return {
    "webhook-id": String(headers["webhook-id"]),
    "webhook-timestamp": String(headers["webhook-timestamp"]),
    "webhook-signature": String(headers["webhook-signature"]),
  };
}

/** Expects the delivery to be waiting for a retry at `next`, after `count` attempts. */
async function expectRetrying(deliveryId: string, count: number, next: Date) {
  expect(await deliveryRow(deliveryId)).toMatchObject({
    status: "PENDING",
    attemptCount: count,
    nextAttemptAt: next,
    leaseUntil: null,
    completedAt: null,
  });
}

describe("a successful delivery", () => {
  it("sends the verb, headers, credential and body, and records the attempt with the credential masked", async () => {
    const r = await receiver({
      status: 201,
      headers: { "X-Receipt": "r-1", "Content-Type": "application/json" },
      body: '{"received":true}',
      delayMs: 25,
    });
    const { deliveryId } = await setup({
      verb: "PUT",
      url: `${r.url}/hooks/chat?src=test`,
      headers: [{ name: "X-Team", value: "support" }],
      authType: "BEARER",
      authToken: "tok-secret-123",
    });

    const result = await attemptDelivery(deliveryId);

    expect(result).toEqual({ status: "succeeded", attempt: 1 });
    expect(r.requests).toHaveLength(1);
    const seen = r.requests[0]!;
    expect(seen.method).toBe("PUT");
    expect(seen.url).toBe("/hooks/chat?src=test");
    expect(seen.headers).toMatchObject({
      "content-type": "application/json; charset=utf-8",
      "user-agent": USER_AGENT,
      "x-team": "support",
      authorization: "Bearer tok-secret-123",
      "webhook-id": deliveryId,
      "x-webhook-event": "chat.closed",
      "x-webhook-attempt": "1",
    });
    expect(seen.header("webhook-timestamp")).toMatch(/^\d{10}$/);
    expect(seen.header("webhook-signature")).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(JSON.parse(seen.body)).toEqual({ session: SESSION_ID, country: "United States" });

    const attempt = await onlyAttempt(deliveryId);
    expect(attempt).toMatchObject({
      number: 1,
      outcome: "succeeded",
      requestMethod: "PUT",
      requestUrl: `${r.url}/hooks/chat?src=test`,
      requestBody: seen.body,
      responseStatus: 201,
      responseBody: '{"received":true}',
      responseBodyTruncated: false,
      errorClass: null,
      errorMessage: null,
    });
    const requestHeaders = attempt.requestHeaders as [string, string][];
    expect(requestHeaders).toContainEqual(["Authorization", `Bearer ${MASK}`]);
    expect(requestHeaders).toContainEqual(["webhook-id", deliveryId]);
    expect(requestHeaders).toContainEqual(["X-Team", "support"]);
    expect(JSON.stringify(attempt)).not.toContain("tok-secret-123");
    expect(attempt.responseHeaders).toContainEqual(["x-receipt", "r-1"]);
    // The receiver waited 25 ms before answering.
    expect(attempt.durationMs).toBeGreaterThanOrEqual(20);

    expect(await deliveryRow(deliveryId)).toMatchObject({
      status: "SUCCEEDED",
      attemptCount: 1,
      nextAttemptAt: null,
      leaseUntil: null,
      lastError: null,
      completedAt: expect.any(Date),
    });
  });

  it.each([
    {
      format: "JSON" as const,
      template: '{"session": "{{chat.session_id}}"}',
      contentType: "application/json; charset=utf-8",
      body: `{\n  "session": "${SESSION_ID}"\n}`,
    },
    {
      format: "XML" as const,
      template: "<chat><session>{{chat.session_id}}</session></chat>",
      contentType: "application/xml; charset=utf-8",
      body: `<chat><session>${SESSION_ID}</session></chat>`,
    },
    {
      format: "FORM" as const,
      template: "session={{chat.session_id}}\ncountry={{customer.country}}",
      contentType: "application/x-www-form-urlencoded",
      body: `session=${SESSION_ID}&country=United+States`,
    },
    {
      format: "TEXT" as const,
      template: "Chat {{chat.session_id}} closed",
      contentType: "text/plain; charset=utf-8",
      body: `Chat ${SESSION_ID} closed`,
    },
  ])("sends a $format payload as $contentType", async ({ format, template, contentType, body }) => {
    const r = await receiver();
    const { deliveryId } = await setup({
      url: r.url,
      payloadFormat: format,
      payloadTemplate: template,
    });

    expect(await attemptDelivery(deliveryId)).toEqual({ status: "succeeded", attempt: 1 });

    expect(r.requests[0]!.header("content-type")).toBe(contentType);
    expect(r.requests[0]!.body).toBe(body);
    expect((await onlyAttempt(deliveryId)).requestBody).toBe(body);
  });

  it.each([
    {
      auth: "Basic",
      values: { authType: "BASIC", authUsername: "alice", authPassword: "p@ss w0rd" } as const,
      header: "authorization",
      sent: `Basic ${Buffer.from("alice:p@ss w0rd").toString("base64")}`,
      recorded: ["Authorization", `Basic ${MASK}`],
    },
    {
      auth: "API key",
      values: { authType: "API_KEY", authHeaderName: "X-Api-Key", authApiKey: "key-789" } as const,
      header: "x-api-key",
      sent: "key-789",
      recorded: ["X-Api-Key", MASK],
    },
  ])("sends $auth credentials and records them masked", async (c) => {
    const r = await receiver();
    const { deliveryId } = await setup({ url: r.url, ...c.values });

    await attemptDelivery(deliveryId);

    expect(r.requests[0]!.header(c.header)).toBe(c.sent);
    const attempt = await onlyAttempt(deliveryId);
    expect(attempt.requestHeaders).toContainEqual(c.recorded);
    expect(JSON.stringify(attempt.requestHeaders)).not.toContain(
      c.values.authType === "BASIC" ? c.sent.slice("Basic ".length) : c.sent,
    );
  });

  it("keeps webhook-id across a retry and numbers X-Webhook-Attempt 1 then 2", async () => {
    const r = await receiver();
    r.reply({ status: 500, body: "down" });
    const { deliveryId } = await setup({ url: r.url });

    const first = await attemptDelivery(deliveryId);
    expect(first).toMatchObject({ status: "retry", attempt: 1 });
    const next = first.status === "retry" ? first.nextAttemptAt : new Date(0);
    const second = await attemptDelivery(deliveryId, clockAt(next));

    expect(second).toEqual({ status: "succeeded", attempt: 2 });
    expect(r.requests.map((q) => q.header("webhook-id"))).toEqual([deliveryId, deliveryId]);
    expect(r.requests.map((q) => q.header("x-webhook-attempt"))).toEqual(["1", "2"]);
    const rows = await attemptRows(deliveryId);
    expect(rows.map((a) => [a.number, a.outcome, a.errorClass, a.responseStatus])).toEqual([
      [1, "retry", "HTTP_5XX", 500],
      [2, "succeeded", null, 200],
    ]);
    expect(rows[0]!.responseBody).toBe("down");
    expect(await deliveryRow(deliveryId)).toMatchObject({
      status: "SUCCEEDED",
      attemptCount: 2,
      nextAttemptAt: null,
      lastError: null,
    });
  });
});

describe("signatures, verified on the receiver", () => {
  it("verify with the official standardwebhooks library and with svix", async () => {
    const r = await receiver();
    const { deliveryId, secret } = await setup({ url: r.url });

    await attemptDelivery(deliveryId);

    const { body, headers } = r.requests[0]!;
    const signed = signatureHeaders(headers);
    const payload = { session: SESSION_ID, country: "United States" };
    expect(new StandardWebhook(secret).verify(body, signed)).toEqual(payload);
    expect(new SvixWebhook(secret).verify(body, signed)).toEqual(payload);
    // A changed body or another secret does not verify.
    expect(() =>
      new StandardWebhook(secret).verify(body.replace("United", "Unite"), signed),
    ).toThrow();
    const other = "whsec_" + Buffer.alloc(32, 7).toString("base64");
    expect(() => new SvixWebhook(other).verify(body, signed)).toThrow();
  });

  it("signs with both the old and the new secret for 24 hours after a rotation, then with the new one only", async () => {
    const r = await receiver();
    const { id: webhookId, signingSecret: oldSecret } = await createTestWebhook(actor, {
      url: r.url,
    });
    const { signingSecret: newSecret } = await rotateSigningSecret(actor, webhookId);
    const within = (await ingestTestEvent(orgId)).deliveries[0]!.id;

    await attemptDelivery(within);

    const rotated = r.requests[0]!;
    const signed = signatureHeaders(rotated.headers);
    expect(signed["webhook-signature"].split(" ")).toHaveLength(2);
    for (const secret of [oldSecret, newSecret]) {
      expect(new StandardWebhook(secret).verify(rotated.body, signed)).toBeTruthy();
      expect(new SvixWebhook(secret).verify(rotated.body, signed)).toBeTruthy();
    }

    // A day and an hour later the old secret no longer signs.
    await db.webhook.update({
      where: { id: webhookId },
      data: { secretRotatedAt: new Date(Date.now() - 25 * 60 * 60 * SECOND) },
    });
    const after = (await ingestTestEvent(orgId)).deliveries[0]!.id;
    await attemptDelivery(after);

    const later = r.requests[1]!;
    const laterSigned = signatureHeaders(later.headers);
    expect(laterSigned["webhook-signature"].split(" ")).toHaveLength(1);
    expect(new StandardWebhook(newSecret).verify(later.body, laterSigned)).toBeTruthy();
    expect(() => new StandardWebhook(oldSecret).verify(later.body, laterSigned)).toThrow();
  });
});

describe("failures are classified and recorded", () => {
  /** Attempts once and returns the recorded attempt, after checking it was scheduled again. */
  async function failOnce(deliveryId: string) {
    const result = await attemptDelivery(deliveryId);
    expect(result).toMatchObject({ status: "retry", attempt: 1 });
    const next = result.status === "retry" ? result.nextAttemptAt : new Date(0);
    await expectRetrying(deliveryId, 1, next);
    const attempt = await onlyAttempt(deliveryId);
    expect(attempt.outcome).toBe("retry");
    expect((await deliveryRow(deliveryId)).lastError).toBe(attempt.errorMessage);
    return attempt;
  }

  it("DNS: a host that does not exist", async () => {
    const { deliveryId } = await setup({ url: "http://nonexistent.invalid/hook" });

    const attempt = await failOnce(deliveryId);

    expect(attempt).toMatchObject({ errorClass: "DNS", responseStatus: null, responseBody: null });
    expect(attempt.errorMessage).toContain("nonexistent.invalid");
  });

  it("CONNECT: nothing listens on the port", async () => {
    const port = await unusedPort();
    const { deliveryId } = await setup({ url: `http://127.0.0.1:${port}/hook` });

    const attempt = await failOnce(deliveryId);

    expect(attempt).toMatchObject({ errorClass: "CONNECT", responseStatus: null });
    expect(attempt.errorMessage).toMatch(/connection refused/);
    expect(attempt.errorMessage).toContain(String(port));
  });

  it("TIMEOUT: the receiver never answers within the webhook's timeout", async () => {
    const r = await receiver({ hang: true });
    const { deliveryId, webhookId } = await setup({ url: r.url });
    await db.webhook.update({ where: { id: webhookId }, data: { timeoutMs: 300 } });

    const started = Date.now();
    const attempt = await failOnce(deliveryId);

    expect(Date.now() - started).toBeLessThan(3_000);
    expect(r.requests).toHaveLength(1);
    expect(attempt).toMatchObject({ errorClass: "TIMEOUT", responseStatus: null });
    expect(attempt.errorMessage).toMatch(/timed out.*300 ms/);
    expect(attempt.durationMs).toBeGreaterThanOrEqual(290);
  });

  it("HTTP_4XX: a 400 is recorded with its response and retried (the receiver must answer 2xx)", async () => {
    const r = await receiver({ status: 400, body: '{"error":"bad"}' });
    const { deliveryId } = await setup({ url: r.url });

    const attempt = await failOnce(deliveryId);

    expect(attempt).toMatchObject({
      errorClass: "HTTP_4XX",
      responseStatus: 400,
      responseBody: '{"error":"bad"}',
    });
    expect(attempt.errorMessage).toContain("400");
  });

  it("HTTP_5XX: a 500 is recorded with its response and retried", async () => {
    const r = await receiver({ status: 500, body: "boom" });
    const { deliveryId } = await setup({ url: r.url });

    const attempt = await failOnce(deliveryId);

    expect(attempt).toMatchObject({
      errorClass: "HTTP_5XX",
      responseStatus: 500,
      responseBody: "boom",
    });
  });

  it("REDIRECT: a 302 is not followed and its Location receives nothing", async () => {
    const target = await receiver();
    const r = await receiver({ status: 302, headers: { Location: `${target.url}/elsewhere` } });
    const { deliveryId } = await setup({ url: r.url });

    const attempt = await failOnce(deliveryId);

    expect(r.requests).toHaveLength(1);
    expect(target.requests).toHaveLength(0);
    expect(attempt).toMatchObject({ errorClass: "REDIRECT", responseStatus: 302 });
    expect(attempt.errorMessage).toContain(`${target.url}/elsewhere`);
  });

  it("TLS: an https:// URL whose server does not speak TLS", async () => {
    const r = await receiver();
    const { deliveryId } = await setup({ url: `https://127.0.0.1:${r.port}/hook` });

    const attempt = await failOnce(deliveryId);

    expect(r.requests).toHaveLength(0);
    expect(attempt).toMatchObject({ errorClass: "TLS", responseStatus: null });
    expect(attempt.errorMessage).toMatch(/TLS handshake/);
  });
});

describe("retry timing", () => {
  /** Attempts at `at`; returns when the next attempt was scheduled (or throws). */
  async function retryAt(deliveryId: string, at: Date): Promise<Date> {
    const result = await attemptDelivery(deliveryId, clockAt(at));
    if (result.status !== "retry") throw new Error(`expected a retry, got ${result.status}`);
    return result.nextAttemptAt;
  }

  function expectDelay(from: Date, next: Date, nominalMs: number) {
    const delay = next.getTime() - from.getTime();
    expect(delay).toBeGreaterThanOrEqual(nominalMs * 0.9);
    expect(delay).toBeLessThanOrEqual(nominalMs * 1.1);
  }

  it("schedules the next attempt 5 s and then 30 s (±10 %) after failures, and refuses to attempt early", async () => {
    const r = await receiver({ status: 500 });
    const { deliveryId } = await setup({ url: r.url });
    const t0 = new Date();

    const next1 = await retryAt(deliveryId, t0);
    expectDelay(t0, next1, 5 * SECOND);
    await expectRetrying(deliveryId, 1, next1);

    const early = await attemptDelivery(deliveryId, clockAt(plus(next1, -1)));
    expect(early).toEqual({ status: "not_due", nextAttemptAt: next1 });
    expect(r.requests).toHaveLength(1);
    await expectRetrying(deliveryId, 1, next1);
    expect(await attemptRows(deliveryId)).toHaveLength(1);

    const next2 = await retryAt(deliveryId, next1);
    expectDelay(next1, next2, 30 * SECOND);
    await expectRetrying(deliveryId, 2, next2);
    expect(r.requests).toHaveLength(2);
  });

  it("STANDARD gives up after 11 attempts", async () => {
    const r = await receiver({ status: 500 });
    const { deliveryId } = await setup({ url: r.url, retryPolicy: "STANDARD" });

    let at = new Date();
    const outcomes: string[] = [];
    for (let i = 0; i < 20; i++) {
      const result = await attemptDelivery(deliveryId, clockAt(at));
      outcomes.push(result.status);
      if (result.status !== "retry") break;
      at = result.nextAttemptAt;
    }

    expect(outcomes).toEqual([...Array<string>(10).fill("retry"), "failed"]);
    expect(r.requests).toHaveLength(11);
    expect(r.requests.map((q) => q.header("x-webhook-attempt"))).toEqual(
      Array.from({ length: 11 }, (_, i) => String(i + 1)),
    );
    expect(await deliveryRow(deliveryId)).toMatchObject({
      status: "FAILED",
      attemptCount: 11,
      nextAttemptAt: null,
      completedAt: expect.any(Date),
    });
    const rows = await attemptRows(deliveryId);
    expect(rows.map((a) => a.number)).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
    expect(rows.at(-1)!.outcome).toBe("failed");
    // Every attempt within the 6-hour window of the first.
    expect(at.getTime() - rows[0]!.startedAt.getTime()).toBeLessThanOrEqual(6 * 60 * 60 * SECOND);
  });

  it("NONE gives up after the first attempt", async () => {
    const r = await receiver({ status: 500 });
    const { deliveryId } = await setup({ url: r.url, retryPolicy: "NONE" });

    expect(await attemptDelivery(deliveryId)).toEqual({ status: "failed", attempt: 1 });

    expect(r.requests).toHaveLength(1);
    expect(await deliveryRow(deliveryId)).toMatchObject({
      status: "FAILED",
      attemptCount: 1,
      nextAttemptAt: null,
    });
    expect((await onlyAttempt(deliveryId)).errorClass).toBe("HTTP_5XX");
  });

  it("EXTENDED retries first after 5 s, then after 5 min", async () => {
    const r = await receiver({ status: 503 });
    const { deliveryId } = await setup({ url: r.url, retryPolicy: "EXTENDED" });
    const t0 = new Date();

    const next1 = await retryAt(deliveryId, t0);
    expectDelay(t0, next1, 5 * SECOND);
    const next2 = await retryAt(deliveryId, next1);
    expectDelay(next1, next2, 5 * 60 * SECOND);
  });

  it("honours Retry-After in seconds on a 429", async () => {
    const r = await receiver({ status: 429, headers: { "Retry-After": "120" } });
    const { deliveryId } = await setup({ url: r.url });
    const t0 = new Date();

    const next = await retryAt(deliveryId, t0);

    expect(next.getTime()).toBeGreaterThanOrEqual(t0.getTime() + 120 * SECOND);
    expect(next.getTime()).toBeLessThanOrEqual(t0.getTime() + 121 * SECOND);
    expect((await onlyAttempt(deliveryId)).errorClass).toBe("HTTP_4XX");
  });

  it("honours Retry-After as an HTTP-date on a 503", async () => {
    const r = await receiver();
    const { deliveryId } = await setup({ url: r.url });
    // A whole second (HTTP-dates have none smaller), after the delivery became due.
    const t0 = new Date(Math.ceil(Date.now() / SECOND) * SECOND);
    const notBefore = plus(t0, 10 * 60 * SECOND);
    r.respondWith({ status: 503, headers: { "Retry-After": notBefore.toUTCString() } });

    const next = await retryAt(deliveryId, t0);

    expect(next.getTime()).toBeGreaterThanOrEqual(notBefore.getTime());
    expect(next.getTime()).toBeLessThanOrEqual(notBefore.getTime() + SECOND);
    expect((await onlyAttempt(deliveryId)).errorClass).toBe("HTTP_5XX");
  });
});

describe("the receiver's answer", () => {
  it("410 Gone fails the delivery and disables the webhook with the reason", async () => {
    const r = await receiver({ status: 410, body: "gone" });
    const { deliveryId, webhookId } = await setup({ url: r.url });

    expect(await attemptDelivery(deliveryId)).toEqual({ status: "failed", attempt: 1 });

    expect(await deliveryRow(deliveryId)).toMatchObject({
      status: "FAILED",
      nextAttemptAt: null,
      lastError: expect.stringContaining("410"),
    });
    expect(await onlyAttempt(deliveryId)).toMatchObject({
      outcome: "failed",
      errorClass: "HTTP_4XX",
      responseStatus: 410,
    });
    const webhook = await webhookRow(webhookId);
    expect(webhook.enabled).toBe(false);
    expect(webhook.disabledReason).toMatch(/410/);
    expect(
      await db.auditEntry.findFirst({
        where: { targetId: webhookId },
        orderBy: { createdAt: "desc" },
      }),
    ).toMatchObject({ action: "webhook.auto_disabled", actorLabel: "System" });
    // A disabled webhook gets no new deliveries.
    expect((await ingestTestEvent(orgId)).deliveries).toEqual([]);
  });

  it("a 50 MB streamed response is stored cut at 20 KB, and not read to its end", async () => {
    const total = 50 * 1024 * 1024;
    let produced = 0;
    let closed!: () => void;
    const receiverClosed = new Promise<void>((resolve) => (closed = resolve));
    const r = await receiver({
      handle: (_req, res) => {
        res.writeHead(200, { "Content-Type": "text/plain" });
        res.on("close", () => closed());
        const chunk = Buffer.alloc(64 * 1024, "a");
        const pump = () => {
          while (produced < total) {
            produced += chunk.length;
            if (!res.write(chunk)) return void res.once("drain", pump);
          }
          res.end();
        };
        pump();
      },
    });
    const { deliveryId } = await setup({ url: r.url });

    expect(await attemptDelivery(deliveryId)).toEqual({ status: "succeeded", attempt: 1 });

    const attempt = await onlyAttempt(deliveryId);
    expect(attempt.responseStatus).toBe(200);
    expect(attempt.responseBodyTruncated).toBe(true);
    expect(Buffer.byteLength(attempt.responseBody!)).toBeLessThanOrEqual(MAX_STORED_RESPONSE_BYTES);
    expect(attempt.responseBody!.length).toBeGreaterThan(0);
    // The sender hung up: the receiver's stream closed long before 50 MB were written.
    await receiverClosed;
    expect(produced).toBeLessThan(total);
  });
});

describe("delivery state guards", () => {
  it("never attempts a terminal delivery again", async () => {
    const r = await receiver();
    const succeeded = (await setup({ url: r.url })).deliveryId;
    await attemptDelivery(succeeded);
    r.respondWith({ status: 500 });
    const failed = (await setup({ url: r.url, retryPolicy: "NONE" })).deliveryId;
    await attemptDelivery(failed);
    expect(r.requests).toHaveLength(2);

    const later = clockAt(plus(new Date(), 24 * 60 * 60 * SECOND));
    expect(await attemptDelivery(succeeded, later)).toEqual({ status: "skipped" });
    expect(await attemptDelivery(failed, later)).toEqual({ status: "skipped" });

    expect(r.requests).toHaveLength(2);
    expect(await deliveryRow(succeeded)).toMatchObject({ status: "SUCCEEDED", attemptCount: 1 });
    expect(await deliveryRow(failed)).toMatchObject({ status: "FAILED", attemptCount: 1 });
    expect(await attemptRows(succeeded)).toHaveLength(1);
    expect(await attemptRows(failed)).toHaveLength(1);
  });

  it("gives two concurrent attempts of one due delivery unique numbers", async () => {
    const r = await receiver();
    // Neither is answered before both are in flight, so both claimed the delivery while due.
    r.respondWith(async () => (await r.waitForRequests(2), { status: 200 }));
    const { deliveryId } = await setup({ url: r.url });

    const results = await Promise.all([attemptDelivery(deliveryId), attemptDelivery(deliveryId)]);

    expect(results.map((x) => (x.status === "succeeded" ? x.attempt : x.status)).sort()).toEqual([
      1, 2,
    ]);
    expect((await attemptRows(deliveryId)).map((a) => a.number)).toEqual([1, 2]);
    expect(r.requests.map((q) => q.header("x-webhook-attempt")).sort()).toEqual(["1", "2"]);
    expect(new Set(r.requests.map((q) => q.header("webhook-id")))).toEqual(new Set([deliveryId]));
    expect(await deliveryRow(deliveryId)).toMatchObject({ status: "SUCCEEDED", attemptCount: 2 });
  });

  it("a concurrent attempt that fails after another succeeded does not reopen the delivery", async () => {
    const r = await receiver();
    const { deliveryId } = await setup({ url: r.url });
    // Attempt 1 is answered 200 once both are in flight; attempt 2 is answered 500 only once
    // attempt 1 has made the delivery SUCCEEDED, so its failure is recorded last.
    r.respondWith(async (request) => {
      await r.waitForRequests(2);
      if (request.header("x-webhook-attempt") === "1") return { status: 200 };
      await waitFor(async () => (await deliveryRow(deliveryId)).status === "SUCCEEDED");
      return { status: 500 };
    });

    await Promise.all([attemptDelivery(deliveryId), attemptDelivery(deliveryId)]);

    expect((await attemptRows(deliveryId)).map((a) => [a.number, a.outcome])).toEqual([
      [1, "succeeded"],
      [2, "retry"],
    ]);
    expect(await deliveryRow(deliveryId)).toMatchObject({
      status: "SUCCEEDED",
      nextAttemptAt: null,
    });
    const later = clockAt(plus(new Date(), 60 * 60 * SECOND));
    expect(await attemptDelivery(deliveryId, later)).toEqual({ status: "skipped" });
    expect(r.requests).toHaveLength(2);
  });

  it("a malformed stored template fails the delivery as CONFIG without sending anything", async () => {
    const r = await receiver();
    const { deliveryId, webhookId } = await setup({ url: r.url });
    await db.webhook.update({
      where: { id: webhookId },
      data: { payloadTemplate: '{"session": "{{chat.session_id}}"' },
    });

    expect(await attemptDelivery(deliveryId)).toEqual({ status: "failed", attempt: 1 });

    expect(r.requests).toHaveLength(0);
    const attempt = await onlyAttempt(deliveryId);
    expect(attempt).toMatchObject({
      outcome: "failed",
      errorClass: "CONFIG",
      responseStatus: null,
    });
    expect(attempt.errorMessage).toBeTruthy();
    expect(await deliveryRow(deliveryId)).toMatchObject({ status: "FAILED", nextAttemptAt: null });
  });
});

describe("secrets encrypted under another key", () => {
  it("fail the delivery as CONFIG with a message naming ENCRYPTION_KEY, instead of looping", async () => {
    const r = await receiver();
    const { deliveryId, webhookId } = await setup({ url: r.url });
    // A well-formed value made with some other key: the GCM tag cannot match.
    await db.webhook.update({
      where: { id: webhookId },
      data: { signingSecretEnc: "v1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.AAAA" },
    });

    expect(await attemptDelivery(deliveryId)).toEqual({ status: "failed", attempt: 1 });

    expect(r.requests).toHaveLength(0);
    const attempt = await onlyAttempt(deliveryId);
    expect(attempt).toMatchObject({ outcome: "failed", errorClass: "CONFIG" });
    expect(attempt.errorMessage).toContain("ENCRYPTION_KEY");
    expect(await deliveryRow(deliveryId)).toMatchObject({ status: "FAILED", nextAttemptAt: null });
  });
});

describe("Test mode without SMTP_URL", () => {
  it("keeps the e-mail in the app (STORED_ONLY), sends no HTTP request, and succeeds", async () => {
    const r = await receiver();
    const { deliveryId, webhookId } = await setup({
      name: "QA hook",
      url: r.url,
      testMode: true,
      testEmails: "qa@example.com",
    });

    expect(await attemptDelivery(deliveryId)).toEqual({ status: "succeeded", attempt: 1 });

    expect(r.requests).toHaveLength(0);
    const attempt = await onlyAttempt(deliveryId);
    expect(attempt).toMatchObject({ outcome: "succeeded", responseStatus: null, errorClass: null });
    const emails = await db.testEmail.findMany({ where: { deliveryId } });
    expect(emails).toEqual([
      expect.objectContaining({
        webhookId,
        attemptId: attempt.id,
        recipients: ["qa@example.com"],
        subject: "[Test] Chat Closed → QA hook",
        status: "STORED_ONLY",
        smtpResponse: STORED_ONLY_RESPONSE,
      }),
    ]);
    expect(await deliveryRow(deliveryId)).toMatchObject({ status: "SUCCEEDED", mode: "TEST" });
  });
});

describe("meta tokens", () => {
  it("carry the real event, delivery, webhook and organization, the attempt counting up on a retry", async () => {
    const r = await receiver();
    r.reply({ status: 500, body: "down" });
    const webhook = await createTestWebhook(actor, {
      url: r.url,
      name: "CRM sync",
      redactTokens: ["chat.customer_email"],
      payloadTemplate: JSON.stringify({
        event: { id: "{{event.id}}", type: "{{event.type}}", at: "{{event.occurredAt}}" },
        delivery: { id: "{{delivery.id}}", attempt: "{{delivery.attempt}}" },
        webhook: { id: "{{webhook.id}}", name: "{{webhook.name}}" },
        organization: "{{organization.id}}",
        email: "{{chat.customer_email}}",
      }),
    });
    // The chat platform's data tries to spoof two meta sections; meta wins.
    const sample = testEventData();
    const data = { ...sample, delivery: { attempt: 99 }, event: { id: "spoofed" } };
    const occurredAt = "2026-03-04T05:06:07.000Z";
    const { eventId, deliveries } = await ingestEvent(
      orgId,
      { type: "chat.closed", occurredAt, data },
      "api",
      { webhookId: webhook.id },
    );
    const deliveryId = deliveries[0]!.id;

    const first = await attemptDelivery(deliveryId);
    const next = first.status === "retry" ? first.nextAttemptAt : new Date(0);
    expect(await attemptDelivery(deliveryId, clockAt(next))).toMatchObject({ attempt: 2 });

    const expected = (attempt: number, email: string) => ({
      event: { id: eventId, type: "chat.closed", at: occurredAt },
      delivery: { id: deliveryId, attempt },
      webhook: { id: webhook.id, name: "CRM sync" },
      organization: orgId,
      email,
    });
    const email = sample.chat!.customer_email as string;
    expect(r.requests.map((q) => JSON.parse(q.body))).toEqual([
      expected(1, email),
      expected(2, email),
    ]);
    expect(r.requests[1]!.header("webhook-id")).toBe(deliveryId);
    // The log keeps the meta values and masks the redacted token.
    const rows = await attemptRows(deliveryId);
    expect(rows.map((a) => JSON.parse(a.requestBody))).toEqual([
      expected(1, REDACTED),
      expected(2, REDACTED),
    ]);
  });
});
