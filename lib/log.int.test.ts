import { afterAll, beforeAll, expect, it } from "vitest";
import { POST } from "@/app/api/v1/events/route";
import { createApiKey } from "@/lib/api-keys/service";
import { db } from "@/lib/db/client";
import { attemptDelivery } from "@/lib/delivery/attempt";
import { closeOutboundAgents } from "@/lib/outbound/guarded-send";
import { captureLogs } from "@/lib/log";
import { resetDatabase } from "@/lib/testing/db";
import { createTestOwner, createTestWebhook, testEventData } from "@/lib/testing/fixtures";
import { startReceiver, type Receiver } from "@/lib/testing/receiver";

// What the logs say about an event and its deliveries — a Live one with Basic credentials that
// is retried, then delivered, and a Test-mode one whose e-mail is kept in the app — at the most
// verbose level: the ids that tie the lines together, and nothing an organization keeps secret.

const PASSWORD = "basic-password-never-logged";
const URL_TOKEN = "url-token-never-logged";
const CANARY = "payload-canary-never-logged";
const REQUEST_ID = "req-logs-test-1";

let receiver: Receiver;
const lines: Record<string, unknown>[] = [];
let stopCapture = () => {};

beforeAll(async () => {
  process.env.OUTBOUND_ALLOW_CIDRS = "127.0.0.0/8";
  await resetDatabase();
  receiver = await startReceiver();
  stopCapture = captureLogs(lines, "debug");
});

afterAll(async () => {
  stopCapture();
  await closeOutboundAgents();
  await receiver.close();
  await db.$disconnect();
});

it("ties ingest and each attempt together by id, and never logs a credential, secret or body", async () => {
  const { org, actor } = await createTestOwner();
  const { key } = await createApiKey(actor, "logs test");
  const basic = { authType: "BASIC", authUsername: "crm", authPassword: PASSWORD } as const;
  const template = '{"email": {{chat.customer_email}}, "transcript": {{chat.transcript}}}';
  const live = await createTestWebhook(actor, {
    ...basic,
    name: "Live CRM",
    url: `${receiver.url}/hook?token=${URL_TOKEN}`,
    testMode: false,
    payloadTemplate: template,
  });
  const test = await createTestWebhook(actor, {
    ...basic,
    name: "Test CRM",
    url: `${receiver.url}/test?token=${URL_TOKEN}`,
    testMode: true,
    testEmails: "dev@example.test",
    payloadTemplate: template,
  });
  receiver.respondWith((_req, i) => ({ status: i === 0 ? 503 : 200 }));

  const data = testEventData("chat.closed", {
    chat: { customer_email: `${CANARY}@example.test`, transcript: `said ${CANARY}` },
  });
  const response = await POST(
    new Request("http://localhost/api/v1/events", {
      method: "POST",
      headers: {
        authorization: `Bearer ${key}`,
        "content-type": "application/json",
        "x-request-id": REQUEST_ID,
      },
      body: JSON.stringify({ type: "chat.closed", data }),
    }),
  );
  expect(response.status).toBe(202);
  const { eventId } = (await response.json()) as { eventId: string };
  const deliveries = await db.delivery.findMany({ where: { eventId } });
  const liveDelivery = deliveries.find((d) => d.webhookId === live.id)!;
  const testDelivery = deliveries.find((d) => d.webhookId === test.id)!;
  expect(await attemptDelivery(liveDelivery.id)).toMatchObject({ status: "retry" });
  await db.delivery.update({ where: { id: liveDelivery.id }, data: { nextAttemptAt: new Date() } });
  expect(await attemptDelivery(liveDelivery.id)).toMatchObject({ status: "succeeded" });
  expect(await attemptDelivery(testDelivery.id)).toMatchObject({ status: "succeeded" });
  expect(receiver.requests.at(-1)!.headers.authorization).toMatch(/^Basic /); // it was sent

  const ids = { organizationId: org.id, eventId };
  expect(lines).toContainEqual(
    expect.objectContaining({
      area: "ingest",
      level: "debug",
      requestId: REQUEST_ID,
      ...ids,
      msg: "event accepted",
    }),
  );
  const attempt = (deliveryId: string, n: number, outcome: string, level: string) =>
    expect.objectContaining({ area: "delivery", level, ...ids, deliveryId, attempt: n, outcome });
  expect(lines).toContainEqual(attempt(liveDelivery.id, 1, "retry", "info"));
  expect(lines).toContainEqual(attempt(liveDelivery.id, 2, "succeeded", "debug"));
  expect(lines).toContainEqual(attempt(testDelivery.id, 1, "succeeded", "debug"));
  for (const line of lines) expect(typeof line.time).toBe("string");

  const text = JSON.stringify(lines);
  const webhook = await db.webhook.findUniqueOrThrow({ where: { id: live.id } });
  for (const secret of [
    PASSWORD,
    Buffer.from(`crm:${PASSWORD}`).toString("base64"),
    URL_TOKEN,
    CANARY,
    key,
    live.signingSecret,
    test.signingSecret,
    webhook.authCredentialsEnc!,
    webhook.signingSecretEnc,
  ])
    expect(text).not.toContain(secret);
});
