import { createServer, type AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendMail, STORED_ONLY_RESPONSE } from "@/lib/delivery/mailer";
import { renderTestEmail } from "@/lib/delivery/test-email";
import { MASK } from "@/lib/payload/request";

// A real SMTP server on 127.0.0.1 receives what sendMail sends.

type Received = { from: string; to: string[]; raw: string };

const received: Received[] = [];
let smtp: SMTPServer;
let smtpUrl: string;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith("nobody@")) {
        return callback(Object.assign(new Error("No such user here"), { responseCode: 550 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const envelope = session.envelope;
        received.push({
          from: envelope.mailFrom ? envelope.mailFrom.address : "",
          to: envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback(null, "Queued as TEST123");
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  smtpUrl = `smtp://127.0.0.1:${port}`;
});

afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

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
    received.length = 0;
    const result = await sendMail(message, { smtpUrl, from: "Webhooks <webhooks@test.local>" });
    expect(result).toEqual({
      status: "SENT",
      response: expect.stringContaining("Queued as TEST123"),
    });
    expect(received).toHaveLength(1);
    const mail = parseMime(received[0]!.raw);
    expect(received[0]!.from).toBe("webhooks@test.local");
    expect(received[0]!.to).toEqual(["admin@example.com", "ops@example.com"]);
    expect(mail.headers.subject).toBe("[Test] Chat Closed → CRM sync");
    expect(mail.headers.from).toBe("Webhooks <webhooks@test.local>");
    expect(mail.parts["text/plain"]).toBe(email.text);
    expect(mail.parts["text/html"]).toBe(email.html);
  });

  it("reads SMTP_URL and MAIL_FROM from the environment when no config is passed", async () => {
    // env() caches its first read; nothing in this file has called it before.
    const saved = { SMTP_URL: process.env.SMTP_URL, MAIL_FROM: process.env.MAIL_FROM };
    Object.assign(process.env, { SMTP_URL: smtpUrl, MAIL_FROM: "Env Sender <env@test.local>" });
    received.length = 0;
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
    expect(received[0]!.from).toBe("env@test.local");
    expect(received[0]!.to).toEqual(["env@example.com"]);
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
    const port = await closedPort();
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
    received.length = 0;
    const result = await sendMail(message, { smtpUrl: undefined, from: "webhooks@test.local" });
    expect(result).toEqual({ status: "STORED_ONLY", response: STORED_ONLY_RESPONSE });
    expect(STORED_ONLY_RESPONSE).toBe("No SMTP_URL configured: kept in the app only");
    expect(received).toHaveLength(0);
  });
});

/** A port that was free a moment ago and now has no listener. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Just enough MIME for these assertions: unfolded, decoded top-level headers and the decoded
 * text/plain and text/html parts of a multipart/alternative message.
 */
function parseMime(raw: string): {
  headers: Record<string, string>;
  parts: Record<string, string>;
} {
  const [head = "", ...rest] = raw.split(/\r?\n\r?\n/);
  const headers = parseHeaders(head);
  const boundary = /boundary="?([^";]+)"?/.exec(headers["content-type"] ?? "")?.[1];
  const parts: Record<string, string> = {};
  if (!boundary) return { headers, parts };
  for (const chunk of rest.join("\r\n\r\n").split(`--${boundary}`).slice(1, -1)) {
    const [partHead = "", ...partBody] = chunk.replace(/^\r?\n/, "").split(/\r?\n\r?\n/);
    const h = parseHeaders(partHead);
    const type = (h["content-type"] ?? "").split(";")[0]!.trim();
    const body = partBody.join("\r\n\r\n").replace(/\r?\n$/, "");
    parts[type] = decodeBody(body, h["content-transfer-encoding"] ?? "7bit").replace(/\r\n/g, "\n");
  }
  return { headers, parts };
}

function parseHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0)
      headers[line.slice(0, colon).toLowerCase()] = decodeWords(line.slice(colon + 1).trim());
  }
  return headers;
}

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
      enc.toUpperCase() === "B"
        ? Buffer.from(text, "base64").toString("utf8")
        : qp(text.replace(/_/g, " ")),
    );
}

function decodeBody(body: string, encoding: string): string {
  if (/base64/i.test(encoding))
    return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (/quoted-printable/i.test(encoding)) return qp(body.replace(/=\r?\n/g, ""));
  return body;
}

function qp(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "=" && /^[0-9A-F]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i]!, "utf8"));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}
