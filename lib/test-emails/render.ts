import { curlCommand } from "@/lib/delivery/curl";
import { fullTime } from "@/lib/format";
import { MASK, type BuiltRequest } from "@/lib/payload/request";

// Test mode (seed 000): instead of sending a delivery, the app e-mails the admin the exact
// request Live mode would send, so they can check the payload before switching to Live.

export type TestEmailInput = {
  /** "Chat Closed". */
  eventTypeLabel: string;
  webhookName: string;
  /** The request as Live mode would send it, with credentials already masked. */
  request: BuiltRequest;
};

export type RenderedEmail = { subject: string; text: string; html: string };

const SIGNATURE_HEADER = /^webhook-(id|timestamp|signature)$/i;

/** Subject, plain-text and HTML bodies of a Test mode e-mail. */
export function renderTestEmail({
  eventTypeLabel,
  webhookName,
  request,
}: TestEmailInput): RenderedEmail {
  const subject = oneLine(`[Test] ${eventTypeLabel} → ${webhookName}`);
  const headers = request.headers.filter(([name]) => !SIGNATURE_HEADER.test(name));
  const signature = request.headers
    .filter(([name]) => SIGNATURE_HEADER.test(name))
    .map(([name, value]): [string, string] => [name, describeSignatureValue(name, value)]);
  const body = describeBody(request);
  const curl = curlCommand(request);
  const masked = [request.url, ...request.headers.map(([, v]) => v)].some((v) => v.includes(MASK));
  const intro = [
    `This is a Test mode delivery of "${eventTypeLabel}" for the webhook "${webhookName}": nothing was sent to ${request.url}.`,
    "Below is exactly the request Live mode would send.",
    `Switch Test mode off to send it to ${request.url}.`,
  ];
  const maskNote = masked
    ? `Credentials are masked (${MASK}) in this e-mail; Live mode sends the real ones. Put them in before running the curl command.`
    : null;

  const text = [
    ...intro,
    ...(maskNote ? ["", maskNote] : []),
    "",
    "REQUEST",
    `${request.method} ${request.url}`,
    "",
    "HEADERS",
    ...(headers.length ? headers.map(([n, v]) => `${n}: ${v}`) : ["(none)"]),
    "",
    "SIGNATURE HEADERS (Standard Webhooks)",
    ...(signature.length ? signature.map(([n, v]) => `${n}: ${v}`) : ["(none)"]),
    "",
    `BODY${body.note ? ` (${body.note})` : ""}`,
    body.content ?? body.empty,
    "",
    "REPRODUCE WITH CURL",
    curl,
    "",
  ].join("\n");

  const html = layout(subject, `${request.method} ${request.url}`, [
    `<p style="${P}"><span style="${BADGE}">TEST MODE</span></p>`,
    `<h1 style="${H1}">${esc(eventTypeLabel)} → ${esc(webhookName)}</h1>`,
    ...intro.map((line) => `<p style="${P}">${esc(line)}</p>`),
    maskNote ? `<p style="${NOTE}">${esc(maskNote)}</p>` : "",
    section("Request", pre(`${request.method} ${request.url}`)),
    section("Headers", headerTable(headers)),
    section("Signature headers (Standard Webhooks)", headerTable(signature)),
    section(
      "Body",
      (body.note ? `<p style="${SMALL}">${esc(body.note)}</p>` : "") +
        (body.content !== null ? pre(body.content) : `<p style="${SMALL}">${esc(body.empty)}</p>`),
    ),
    section("Reproduce with curl", pre(curl)),
  ]);

  return { subject, text, html };
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}
const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
const esc = escapeHtml;

function oneLine(value: string): string {
  return value.replace(/\s+/g, " ").trim();
}

function describeSignatureValue(name: string, value: string): string {
  if (name.toLowerCase() !== "webhook-timestamp" || !/^\d+$/.test(value)) return value;
  return `${value} (${fullTime(new Date(Number(value) * 1000))})`;
}

function describeBody(request: BuiltRequest): {
  content: string | null;
  note: string | null;
  empty: string;
} {
  const empty =
    request.method === "GET" || request.method === "DELETE"
      ? `No body: ${request.method} sends the payload in the URL's query string.`
      : "No body.";
  if (request.body === null || request.body === "") return { content: null, note: null, empty };
  const pretty = prettyJson(request.body);
  if (pretty === null || pretty === request.body)
    return { content: request.body, note: null, empty };
  return {
    content: pretty,
    note: "JSON, indented for reading; the exact bytes sent and signed are in the curl command below",
    empty,
  };
}

/**
 * Re-indents valid JSON without parsing values, so big numbers, escapes and duplicate keys
 * appear exactly as sent (JSON.parse + stringify would round 12345678901234567890). Returns
 * null when the text is not JSON.
 */
export function prettyJson(text: string): string | null {
  try {
    JSON.parse(text);
  } catch {
    return null;
  }
  const pad = (depth: number) => "  ".repeat(depth);
  let out = "";
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j;
    } else if (c === "{" || c === "[") {
      const close = c === "{" ? "}" : "]";
      let j = i + 1;
      while (/\s/.test(text[j]!)) j++;
      if (text[j] === close) {
        out += c + close;
        i = j;
      } else {
        out += `${c}\n${pad(++depth)}`;
      }
    } else if (c === "}" || c === "]") {
      out += `\n${pad(--depth)}${c}`;
    } else if (c === ",") {
      out += `,\n${pad(depth)}`;
    } else if (c === ":") {
      out += ": ";
    } else if (!/\s/.test(c)) {
      out += c;
    }
  }
  return out;
}

// Inline styles only: most mail clients drop <style> blocks and external CSS.
const FONT = "-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const MONO = "SFMono-Regular,Menlo,Consolas,'Liberation Mono','Courier New',monospace";
const P = "margin:0 0 8px 0;";
const SMALL = "margin:0 0 8px 0;color:#52525b;font-size:13px;";
const NOTE =
  "margin:12px 0 0 0;padding:8px 12px;background:#fffbeb;border:1px solid #fde68a;border-radius:6px;font-size:13px;";
const H1 = "margin:0 0 12px 0;font-size:20px;line-height:1.3;font-weight:600;color:#18181b;";
const H2 =
  "margin:24px 0 8px 0;font-size:13px;font-weight:600;text-transform:uppercase;letter-spacing:0.04em;color:#52525b;";
const BADGE =
  "display:inline-block;padding:2px 8px;border-radius:999px;background:#fef3c7;color:#92400e;font-size:12px;font-weight:600;letter-spacing:0.04em;";
const PRE = `margin:0;padding:12px;background:#f4f4f5;border:1px solid #e4e4e7;border-radius:6px;font-family:${MONO};font-size:12px;line-height:1.5;color:#18181b;white-space:pre-wrap;word-wrap:break-word;overflow-wrap:anywhere;`;
const CELL = `padding:6px 8px;border-top:1px solid #e4e4e7;font-family:${MONO};font-size:12px;vertical-align:top;word-wrap:break-word;overflow-wrap:anywhere;`;

function pre(content: string): string {
  return `<pre style="${PRE}">${esc(content)}</pre>`;
}

function section(title: string, content: string): string {
  return `<h2 style="${H2}">${esc(title)}</h2>${content}`;
}

function headerTable(rows: [string, string][]): string {
  if (!rows.length) return `<p style="${SMALL}">None.</p>`;
  const trs = rows
    .map(
      ([n, v]) =>
        `<tr><td style="${CELL}width:32%;color:#52525b;">${esc(n)}</td><td style="${CELL}color:#18181b;">${esc(v)}</td></tr>`,
    )
    .join("");
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;table-layout:fixed;border-bottom:1px solid #e4e4e7;">${trs}</table>`;
}

function layout(title: string, preheader: string, blocks: string[]): string {
  return [
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title></head>`,
    `<body style="margin:0;padding:0;background:#f4f4f5;">`,
    `<div style="display:none;max-height:0;overflow:hidden;mso-hide:all;">${esc(preheader)}</div>`,
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f4f5;"><tr><td align="center" style="padding:24px 12px;">`,
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:680px;background:#ffffff;border:1px solid #e4e4e7;border-radius:8px;">`,
    `<tr><td style="padding:24px;font-family:${FONT};font-size:14px;line-height:1.5;color:#18181b;">`,
    ...blocks.filter(Boolean),
    `</td></tr></table>`,
    `<p style="margin:16px 0 0 0;font-family:${FONT};font-size:12px;color:#71717a;">Sent because this webhook is in Test mode.</p>`,
    `</td></tr></table></body></html>`,
  ].join("\n");
}
