import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { attemptDelivery } from "@/lib/delivery/attempt";
import { escapeHtml } from "@/lib/test-emails/render";
import { resetDatabase } from "@/lib/testing/db";
import { createTestOwner, createTestWebhook, ingestTestEvent } from "@/lib/testing/fixtures";
import { startMailbox, type Mailbox } from "@/lib/testing/mailbox";
import { startReceiver, type Receiver } from "@/lib/testing/receiver";

// Test mode end to end: attemptDelivery e-mails the request Live mode would send to a real
// SMTP server on 127.0.0.1 (SMTP_URL), stores the TestEmail row, and never calls the URL.

const SESSION_ID = "CS-20240514-7F3K9Q"; // the catalog's sample chat.session_id
const TEMPLATE = '{"session": "{{chat.session_id}}", "country": "{{customer.country}}"}';

let mailbox: Mailbox;
let r: Receiver;
let actor: Actor;
let orgId: string;

beforeAll(async () => {
  mailbox = await startMailbox();
  // Before anything reads env(), which caches it for this file.
  process.env.SMTP_URL = mailbox.url;
  process.env.MAIL_FROM = "Webhooks <webhooks@test.local>";
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

async function testModeDelivery(name: string) {
  const webhook = await createTestWebhook(actor, {
    name,
    url: `${r.url}/hooks/chat`,
    payloadTemplate: TEMPLATE,
    testMode: true,
    testEmails: "qa@example.com",
  });
  const { deliveries } = await ingestTestEvent(orgId, { webhookId: webhook.id });
  expect(deliveries).toHaveLength(1);
  return { webhookId: webhook.id, deliveryId: deliveries[0]!.id };
}

const testEmails = (deliveryId: string) =>
  db.testEmail.findMany({ where: { deliveryId }, orderBy: { createdAt: "asc" } });

describe("a Test mode delivery", () => {
  it("is e-mailed with the rendered body and a curl command, and nothing is sent to the URL", async () => {
    const { deliveryId } = await testModeDelivery("CRM sync");

    expect(await attemptDelivery(deliveryId)).toEqual({ status: "succeeded", attempt: 1 });

    const [mail, ...more] = await mailbox.waitForMessages(1);
    expect(more).toHaveLength(0);
    expect(mail!.to).toEqual(["qa@example.com"]);
    expect(mail!.from).toBe("webhooks@test.local");
    expect(mail!.subject).toBe("[Test] Chat Closed → CRM sync");
    const body = JSON.stringify({ session: SESSION_ID, country: "United States" }, null, 2);
    expect(mail!.text).toContain(body);
    expect(mail!.text).toContain(`curl --globoff \\\n  -X POST \\\n  ${r.url}/hooks/chat`);
    expect(mail!.text).toContain(`webhook-id: ${deliveryId}`);
    expect(mail!.html).toContain(escapeHtml(body));
    expect(mail!.html).toContain("curl --globoff");
    expect(mail!.html).toContain(escapeHtml(`${r.url}/hooks/chat`));
    expect(r.requests).toHaveLength(0);

    const attempts = await db.deliveryAttempt.findMany({ where: { deliveryId } });
    expect(attempts).toEqual([
      expect.objectContaining({ number: 1, outcome: "succeeded", responseStatus: null }),
    ]);
    expect(await testEmails(deliveryId)).toEqual([
      expect.objectContaining({
        attemptId: attempts[0]!.id,
        recipients: ["qa@example.com"],
        subject: "[Test] Chat Closed → CRM sync",
        textBody: mail!.text,
        status: "SENT",
        smtpResponse: expect.stringContaining("Queued as MAILBOX"),
      }),
    ]);
    expect(await db.delivery.findUniqueOrThrow({ where: { id: deliveryId } })).toMatchObject({
      status: "SUCCEEDED",
      mode: "TEST",
      attemptCount: 1,
    });
  });

  it("is retried as SMTP when the mail server is down, and sent once it is back", async () => {
    const { deliveryId } = await testModeDelivery("Down");
    const port = mailbox.port;
    await mailbox.close();
    let first;
    try {
      first = await attemptDelivery(deliveryId);
    } finally {
      // Back on the same port (SMTP_URL is read once per file).
      mailbox = await startMailbox({ port });
    }

    expect(first).toMatchObject({ status: "retry", attempt: 1 });
    const next = first.status === "retry" ? first.nextAttemptAt : new Date(0);
    const attempts = await db.deliveryAttempt.findMany({ where: { deliveryId } });
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ outcome: "retry", errorClass: "SMTP" });
    expect(attempts[0]!.errorMessage).toMatch(/test e-mail could not be sent.*ECONNREFUSED/);
    expect(await db.delivery.findUniqueOrThrow({ where: { id: deliveryId } })).toMatchObject({
      status: "PENDING",
      attemptCount: 1,
      nextAttemptAt: next,
    });
    expect(await testEmails(deliveryId)).toEqual([
      expect.objectContaining({ status: "FAILED", smtpResponse: expect.stringMatching(/SMTP/) }),
    ]);

    const second = await attemptDelivery(deliveryId, { now: () => next });

    expect(second).toEqual({ status: "succeeded", attempt: 2 });
    expect(await mailbox.waitForMessages(1)).toHaveLength(1);
    expect((await testEmails(deliveryId)).map((e) => e.status)).toEqual(["FAILED", "SENT"]);
    expect(r.requests).toHaveLength(0);
  });
});
