import { withMeta, type PayloadMeta } from "@/lib/events/catalog-meta";
import type { SampleData } from "@/lib/events/sample-data";
import { sendsInQuery } from "@/lib/payload/payload-format";
import { renderPayload, type PayloadFormat } from "@/lib/payload/render";

// The HTTP request a webhook sends, built in one place so the form's live preview and the
// delivery engine agree on method, URL, headers and body.

import { USER_AGENT } from "@/lib/product";

export { USER_AGENT };
export const MASK = "••••••••";

export type RequestSpec = {
  eventType: string;
  verb: string;
  url: string;
  headers: { name: string; value: string }[];
  payloadFormat: PayloadFormat;
  payloadTemplate: string;
  authType: string;
  authUsername?: string | null;
  authHeaderName?: string | null;
};

export type BuiltRequest = {
  method: string;
  url: string;
  headers: [string, string][];
  body: string | null;
};

type Options = {
  /** The password, token, API key or OAuth2 access token; omitted in previews, where it is masked. */
  credential?: string;
  /** The meta tokens' values; also the webhook-id and X-Webhook-Attempt headers. */
  meta: PayloadMeta;
  timestamp: number;
  /** `v1,<signature>`, or a signer given the body that is sent (empty when none). */
  signature: string | ((body: string) => string);
};

/** Renders the payload and assembles the request a webhook sends for some event data. */
export function buildRequest(spec: RequestSpec, data: SampleData, options: Options): BuiltRequest {
  const { meta } = options;
  const rendered = spec.payloadTemplate.trim()
    ? renderPayload({
        format: spec.payloadFormat,
        template: spec.payloadTemplate,
        data: withMeta(data, meta),
      })
    : null;
  const inQuery = sendsInQuery(spec.verb);
  const url = new URL(spec.url);
  let body: string | null = rendered?.body ?? null;
  if (inQuery && body !== null) {
    for (const [name, value] of new URLSearchParams(body)) url.searchParams.append(name, value);
    body = null;
  }

  const headers: [string, string][] = [];
  const custom = new Map(spec.headers.filter((h) => h.name).map((h) => [h.name.toLowerCase(), h]));
  if (body !== null && rendered && !custom.has("content-type"))
    headers.push(["Content-Type", rendered.contentType]);
  headers.push(["User-Agent", USER_AGENT]);
  for (const h of custom.values()) headers.push([h.name, h.value]);

  headers.push(
    ...authHeaders(spec, options.credential),
    ["webhook-id", meta.delivery.id],
    ["webhook-timestamp", String(options.timestamp)],
    [
      "webhook-signature",
      typeof options.signature === "string" ? options.signature : options.signature(body ?? ""),
    ],
    ["X-Webhook-Event", spec.eventType],
    ["X-Webhook-Attempt", String(meta.delivery.attempt)],
  );
  return { method: spec.verb, url: url.toString(), headers, body };
}

/** The authentication header of a webhook (none, or one); the credential masked when omitted. */
export function authHeaders(
  spec: Pick<RequestSpec, "authType" | "authUsername" | "authHeaderName">,
  credential?: string,
): [string, string][] {
  const value = credential ?? MASK;
  if (spec.authType === "BASIC") {
    const basic =
      credential === undefined ? MASK : base64Utf8(`${spec.authUsername ?? ""}:${value}`);
    return [["Authorization", `Basic ${basic}`]];
  }
  if (spec.authType === "BEARER" || spec.authType === "OAUTH2")
    return [["Authorization", `Bearer ${value}`]];
  if (spec.authType === "API_KEY" && spec.authHeaderName) return [[spec.authHeaderName, value]];
  return [];
}

/** Base64 of UTF-8 text, in the browser and in Node alike. */
function base64Utf8(text: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)));
}

/** The request's headers with credentials masked, for logs, e-mails and previews. */
export function maskCredentials(
  headers: [string, string][],
  spec: Pick<RequestSpec, "authType" | "authHeaderName">,
): [string, string][] {
  const secretHeader =
    spec.authType === "API_KEY" ? spec.authHeaderName?.toLowerCase() : "authorization";
  if (spec.authType === "NONE" || !secretHeader) return headers;
  return headers.map(([name, value]) => {
    if (name.toLowerCase() !== secretHeader) return [name, value];
    const scheme = /^(Basic|Bearer) /.exec(value)?.[0] ?? "";
    return [name, `${scheme}${MASK}`];
  });
}
