import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendMail, STORED_ONLY_RESPONSE } from "@/lib/outbound/mailer";
import { renderTestEmail } from "@/lib/test-emails/render";
import { MASK } from "@/lib/payload/request";
import { startMailbox, type Mailbox } from "@/lib/testing/mailbox";
import { unusedPort } from "@/lib/testing/receiver";

// A real SMTP server on 127.0.0.1 receives what sendMail sends.

let mailbox: Mailbox;
let smtpUrl: string;

beforeAll(async () => {
  mailbox = await startMailbox({ refuse: (address) => address.startsWith("nobody@") });
  smtpUrl = mailbox.url;
});

afterAll(() => mailbox.close());

const email = renderTestEmail({
  eventTypeLabel: "Chat Closed",
  webhookName: "CRM sync",
  request: {
    method: "POST",
    url: "https://crm.example.com/hooks",
    headers: [
      ["Content-Type", "application/json"],
      ["Authorization", `Bearer ${MASK}`],
      ["webhook-id", "dlv_1"],
      ["webhook-timestamp", "1795356309"],
      ["webhook-signature", "v1,abc="],
    ],
    body: '{"chat":{"id":"C-1","transcript":"Zoë: hi — «quotes» ✓"}}',
  },
});
const message = { to: ["admin@example.com", "ops@example.com"], ...email };

describe("sendMail over SMTP", () => {
  it("delivers to every recipient with the subject and both the text and HTML parts", async () => {
    mailbox.messages.length = 0;
    const result = await sendMail(message, { smtpUrl, from: "Webhooks <webhooks@test.local>" });
    expect(result).toEqual({
      status: "SENT",
      response: expect.stringContaining("Queued as MAILBOX"),
    });
    expect(mailbox.messages).toHaveLength(1);
    const mail = mailbox.messages[0]!;
    expect(mail.from).toBe("webhooks@test.local");
    expect(mail.to).toEqual(["admin@example.com", "ops@example.com"]);
    expect(mail.subject).toBe("[Test] Chat Closed → CRM sync");
    expect(mail.headers.from).toBe("Webhooks <webhooks@test.local>");
    expect(mail.text).toBe(email.text);
    expect(mail.html).toBe(email.html);
  });

  it("reads SMTP_URL and MAIL_FROM from the environment when no config is passed", async () => {
    // env() caches its first read; nothing in this file has called it before.
    const saved = { SMTP_URL: process.env.SMTP_URL, MAIL_FROM: process.env.MAIL_FROM };
    Object.assign(process.env, { SMTP_URL: smtpUrl, MAIL_FROM: "Env Sender <env@test.local>" });
    mailbox.messages.length = 0;
    let result;
    try {
      result = await sendMail({ ...message, to: ["env@example.com"] });
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
    expect(result.status).toBe("SENT");
    expect(mailbox.messages[0]!.from).toBe("env@test.local");
    expect(mailbox.messages[0]!.to).toEqual(["env@example.com"]);
  });

  it("reports FAILED with the server's rejection when a recipient is refused", async () => {
    const result = await sendMail(
      { ...message, to: ["nobody@example.com"] },
      { smtpUrl, from: "webhooks@test.local" },
    );
    expect(result.status).toBe("FAILED");
    expect(result.response).toMatch(/550.*No such user here/);
  });

  it("reports FAILED, without throwing, when nothing listens on the SMTP port", async () => {
    const port = await unusedPort();
    const result = await sendMail(message, {
      smtpUrl: `smtp://mailer:s3cr%40t@127.0.0.1:${port}`,
      from: "webhooks@test.local",
    });
    expect(result.status).toBe("FAILED");
    expect(result.response).toMatch(/^SMTP send failed.*ECONNREFUSED 127\.0\.0\.1:\d+/);
    expect(result.response).not.toMatch(/s3cr/);
  });

  it("reports FAILED, without throwing, for an SMTP URL that does not parse", async () => {
    const result = await sendMail(message, { smtpUrl: "not a url", from: "webhooks@test.local" });
    expect(result.status).toBe("FAILED");
    expect(result.response).toMatch(/^SMTP send failed/);
  });

  it("keeps the e-mail in the app only (STORED_ONLY) when no SMTP_URL is configured", async () => {
    mailbox.messages.length = 0;
    const result = await sendMail(message, { smtpUrl: undefined, from: "webhooks@test.local" });
    expect(result).toEqual({ status: "STORED_ONLY", response: STORED_ONLY_RESPONSE });
    expect(STORED_ONLY_RESPONSE).toBe("No SMTP_URL configured: kept in the app only");
    expect(mailbox.messages).toHaveLength(0);
  });
});
