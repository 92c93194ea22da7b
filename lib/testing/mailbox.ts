import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

// A real SMTP server on 127.0.0.1 for *.int.test.ts: accepts every message (no TLS, no auth)
// and keeps it, decoded enough to assert on subject, recipients and the text and HTML parts.

export type ReceivedMail = {
  /** The envelope's MAIL FROM and RCPT TO addresses. */
  from: string;
  to: string[];
  /** Top-level headers, lower-cased names, encoded words decoded. */
  headers: Record<string, string>;
  subject: string;
  /** The text/plain and text/html parts, transfer encoding undone, line ends as \n. */
  text: string | undefined;
  html: string | undefined;
  raw: string;
};

export type Mailbox = {
  port: number;
  /** smtp://127.0.0.1:<port> (for SMTP_URL). */
  url: string;
  readonly messages: ReceivedMail[];
  /** Resolves with the messages once at least n have arrived; rejects after timeoutMs. */
  waitForMessages(n: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
};

type MailboxOptions = {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Recipients refused with "550 No such user here". */
  refuse?: (address: string) => boolean;
};

/** Starts an SMTP server. */
export async function startMailbox({ port = 0, refuse }: MailboxOptions = {}): Promise<Mailbox> {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refuse?.(address.address)) {
        return callback(Object.assign(new Error("No such user here"), { responseCode: 550 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const { headers, parts } = parseMime(raw);
        const { mailFrom, rcptTo } = session.envelope;
        messages.push({
          from: mailFrom ? mailFrom.address : "",
          to: rcptTo.map((r) => r.address),
          headers,
          subject: headers.subject ?? "",
          text: parts["text/plain"],
          html: parts["text/html"],
          raw,
        });
        callback(null, "Queued as MAILBOX");
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const bound = (server.server.address() as AddressInfo).port;

  return {
    port: bound,
    url: `smtp://127.0.0.1:${bound}`,
    messages,
    async waitForMessages(n, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < n) {
        if (Date.now() > deadline) {
          throw new Error(`mailbox: ${messages.length} of ${n} messages after ${timeoutMs} ms`);
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return messages.slice();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Top-level headers and the decoded text parts of a (multipart) message. */
function parseMime(raw: string): {
  headers: Record<string, string>;
  parts: Record<string, string>;
} {
  const [head = "", ...rest] = raw.split(/\r?\n\r?\n/);
  const headers = parseHeaders(head);
  const parts: Record<string, string> = {};
  const type = headers["content-type"] ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/.exec(type)?.[1];
  const body = rest.join("\r\n\r\n");
  if (!boundary) {
    parts[type.split(";")[0]!.trim()] = decodeBody(body, headers["content-transfer-encoding"]);
    return { headers, parts };
  }
  for (const chunk of body.split(`--${boundary}`).slice(1, -1)) {
    const [partHead = "", ...partBody] = chunk.replace(/^\r?\n/, "").split(/\r?\n\r?\n/);
    const h = parseHeaders(partHead);
    const partType = (h["content-type"] ?? "").split(";")[0]!.trim();
    const content = partBody.join("\r\n\r\n").replace(/\r?\n$/, "");
    parts[partType] = decodeBody(content, h["content-transfer-encoding"]);
  }
  return { headers, parts };
}

function parseHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) {
      headers[line.slice(0, colon).toLowerCase()] = decodeWords(line.slice(colon + 1).trim());
    }
  }
  return headers;
}

/** RFC 2047 encoded words (=?utf-8?B?…?= and =?utf-8?Q?…?=). */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, encoding: string, text: string) =>
      encoding.toUpperCase() === "B"
        ? Buffer.from(text, "base64").toString("utf8")
        : quotedPrintable(text.replace(/_/g, " ")),
    );
}

function decodeBody(body: string, encoding = "7bit"): string {
  const decoded = /base64/i.test(encoding)
    ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8")
    : /quoted-printable/i.test(encoding)
      ? quotedPrintable(body.replace(/=\r?\n/g, ""))
      : body;
  return decoded.replace(/\r\n/g, "\n");
}

function quotedPrintable(text: string): string {
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
