import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";

// Outgoing mail (Test mode deliveries). Never throws: the caller records the outcome on the
// TestEmail row, and without SMTP the e-mail is still readable in the app.

export type MailMessage = { to: string[]; subject: string; text: string; html: string };

export type MailResult = {
  /** SENT: the server accepted it; STORED_ONLY: no SMTP configured; FAILED: see response. */
  status: "SENT" | "STORED_ONLY" | "FAILED";
  /** The server's reply line, or why it was not sent. */
  response: string;
};

export type MailConfig = { smtpUrl?: string; from: string };

export const STORED_ONLY_RESPONSE = "No SMTP_URL configured: kept in the app only";

const transports = new Map<string, Transporter>();

/** Sends one e-mail through SMTP_URL (or `config`, for tests) from MAIL_FROM. */
export async function sendMail(message: MailMessage, config?: MailConfig): Promise<MailResult> {
  let smtpUrl: string | undefined;
  try {
    const { smtpUrl: url, from } = config ?? { smtpUrl: env().SMTP_URL, from: env().MAIL_FROM };
    smtpUrl = url;
    if (!url) return { status: "STORED_ONLY", response: STORED_ONLY_RESPONSE };
    const info = await transport(url).sendMail({ ...message, from });
    return { status: "SENT", response: String(info.response ?? "") };
  } catch (error) {
    return { status: "FAILED", response: describeError(error, smtpUrl) };
  }
}

/** One transport per URL: built once, reused by every send. */
function transport(url: string): Transporter {
  let cached = transports.get(url);
  if (!cached) {
    cached = nodemailer.createTransport(transportOptions(url));
    transports.set(url, cached);
  }
  return cached;
}

/**
 * Options for nodemailer; settings in the URL's query (`?requireTLS=true`, `?ignoreTLS=false`,
 * `?tls.rejectUnauthorized=false`) override these, because nodemailer applies them last.
 * smtps:// is implicit TLS (nodemailer reads it from the scheme). For plain smtp:// to a
 * loopback host (Mailpit, MailHog, the test server) STARTTLS is ignored, as such servers
 * often offer it with a self-signed certificate; for any other host nodemailer's default
 * stands — upgrade when the server offers STARTTLS — so SMTP credentials are not sent in clear
 * to a remote provider that supports TLS.
 */
export function transportOptions(url: string): {
  url: string;
  connectionTimeout: number;
  greetingTimeout: number;
  socketTimeout: number;
  ignoreTLS?: boolean;
} {
  const parsed = new URL(url);
  const options = {
    url,
    connectionTimeout: 5_000,
    greetingTimeout: 5_000,
    socketTimeout: 10_000,
  };
  const saysTls = ["ignoreTLS", "requireTLS", "secure"].some((k) => parsed.searchParams.has(k));
  if (parsed.protocol === "smtp:" && !saysTls && isLoopback(parsed.hostname)) {
    return { ...options, ignoreTLS: true };
  }
  return options;
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "");
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** A one-line reason for the TestEmail row, with the SMTP password never in it. */
function describeError(error: unknown, smtpUrl: string | undefined): string {
  const e = error as { message?: unknown; code?: unknown };
  const message = typeof e?.message === "string" ? e.message : String(error);
  const code = typeof e?.code === "string" && !message.includes(e.code) ? ` (${e.code})` : "";
  let line = `SMTP send failed${code}: ${message}`.replace(/\s+/g, " ").trim();
  for (const secret of smtpUrl ? passwords(smtpUrl) : []) line = line.split(secret).join("***");
  return line;
}

/** The URL's password as written and decoded (nodemailer uses the decoded one). */
function passwords(url: string): string[] {
  try {
    const raw = new URL(url).password;
    return [raw, decodeURIComponent(raw)].filter(Boolean);
  } catch {
    return [];
  }
}
