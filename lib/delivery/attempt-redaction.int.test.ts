import { Webhook as StandardWebhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { attemptDelivery } from "@/lib/delivery/attempt";
import { REDACTED } from "@/lib/payload/redact";
import { resetDatabase } from "@/lib/testing/db";
import { createTestOwner, createTestWebhook, ingestTestEvent } from "@/lib/testing/fixtures";
import { startMailbox, type Mailbox } from "@/lib/testing/mailbox";
import { startReceiver, type Receiver } from "@/lib/testing/receiver";

// Redaction: the tokens a webhook masks reach the receiver unchanged, but the attempt log and
// the test e-mails (sent and kept) hold "[redacted]" instead.

const EMAIL = "mary.private@example.com";
const IP = "198.51.100.23";
const TEMPLATE =
  '{"email": "{{chat.customer_email}}", "ip": "{{customer.ip_address}}", "country": "{{customer.country}}"}';
const MASKED = ["chat.customer_email", "customer.ip_address"];
const patch = { chat: { customer_email: EMAIL }, customer: { ip_address: IP } };

let mailbox: Mailbox;
let r: Receiver;
let actor: Actor;
let orgId: string;

beforeAll(async () => {
  mailbox = await startMailbox();
  process.env.SMTP_URL = mailbox.url;
  await resetDatabase();
  r = await startReceiver();
});

beforeEach(async () => {
  ({
    actor,
    org: { id: orgId },
  } = await createTestOwner());
});

afterEach(() => {
  mailbox.messages.length = 0;
  r.requests.length = 0;
});

afterAll(async () => {
  await mailbox.close();
  await r.close();
  await db.$disconnect();
});

async function deliveryFor(overrides: Parameters<typeof createTestWebhook>[1]) {
  const webhook = await createTestWebhook(actor, {
    url: `${r.url}/hooks`,
    payloadTemplate: TEMPLATE,
    redactTokens: MASKED,
    ...overrides,
  });
  const { deliveries } = await ingestTestEvent(orgId, { webhookId: webhook.id, patch });
  return { ...webhook, deliveryId: deliveries[0]!.id };
}

const storedAttempt = (deliveryId: string) =>
  db.deliveryAttempt.findFirstOrThrow({ where: { deliveryId } });

describe("a webhook with masked tokens", () => {
  it("delivers the real values, signed over what was sent, and logs them masked", async () => {
    const { deliveryId, signingSecret } = await deliveryFor({ testMode: false });

    expect(await attemptDelivery(deliveryId)).toEqual({ status: "succeeded", attempt: 1 });

    const [received] = r.requests;
    expect(JSON.parse(received!.body)).toEqual({
      email: EMAIL,
      ip: IP,
      country: "United States",
    });
    const headers = Object.fromEntries(
      ["webhook-id", "webhook-timestamp", "webhook-signature"].map((n) => [
        n,
        received!.header(n)!,
      ]),
    );
    expect(() => new StandardWebhook(signingSecret).verify(received!.body, headers)).not.toThrow();

    const attempt = await storedAttempt(deliveryId);
    expect(JSON.parse(attempt.requestBody)).toEqual({
      email: REDACTED,
      ip: REDACTED,
      country: "United States",
    });
    const logged = JSON.stringify(attempt);
    expect(logged).not.toContain(EMAIL);
    expect(logged).not.toContain(IP);
  });

  it("masks them in the query string of a GET", async () => {
    const { deliveryId } = await deliveryFor({
      testMode: false,
      verb: "GET",
      payloadFormat: "FORM",
      payloadTemplate: "email={{chat.customer_email}}&country={{customer.country}}",
    });

    await attemptDelivery(deliveryId);

    expect(new URL(r.requests[0]!.url, r.url).searchParams.get("email")).toBe(EMAIL);
    const attempt = await storedAttempt(deliveryId);
    expect(new URL(attempt.requestUrl).searchParams.get("email")).toBe(REDACTED);
    expect(JSON.stringify(attempt)).not.toContain(EMAIL);
  });

  it("masks them in the test e-mail, as sent and as kept", async () => {
    const { deliveryId } = await deliveryFor({ testMode: true, testEmails: "qa@example.com" });

    expect(await attemptDelivery(deliveryId)).toEqual({ status: "succeeded", attempt: 1 });

    const [mail] = await mailbox.waitForMessages(1);
    expect(mail!.text).toContain(`"email": "${REDACTED}"`);
    expect(mail!.text).toContain('"country": "United States"');
    for (const text of [mail!.text, mail!.html]) {
      expect(text).not.toContain(EMAIL);
      expect(text).not.toContain(IP);
    }
    const kept = await db.testEmail.findFirstOrThrow({ where: { deliveryId } });
    expect(JSON.stringify(kept)).not.toContain(EMAIL);
    expect(JSON.stringify(await storedAttempt(deliveryId))).not.toContain(EMAIL);
    expect(r.requests).toHaveLength(0);
  });

  it("logs everything when nothing is masked", async () => {
    const { deliveryId } = await deliveryFor({ testMode: false, redactTokens: [] });

    await attemptDelivery(deliveryId);

    expect(JSON.parse((await storedAttempt(deliveryId)).requestBody)).toMatchObject({
      email: EMAIL,
      ip: IP,
    });
  });
});
