import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { eventTypeKeys } from "@/lib/events/catalog";
import type { PayloadMeta } from "@/lib/events/catalog-meta";
import { payloadFormats, validateTemplate, type PayloadFormat } from "@/lib/payload";
import { redactData, REDACTED } from "@/lib/payload/redact";
import { buildRequest, type RequestSpec } from "@/lib/payload/request";

// Meta tokens through buildRequest, the one place both the preview and the delivery render.

const meta: PayloadMeta = {
  event: { id: "evt-1", type: "chat.closed", occurredAt: "2026-01-02T03:04:05.000Z" },
  delivery: { id: "dlv-1", attempt: 3 },
  webhook: { id: "wh-1", name: 'CRM <"Sales" & Co>' },
  organization: { id: "org-1" },
};
// Event data that tries to spoof every meta section.
const data = {
  chat: { session_id: "CS-1", customer_email: "mary@example.com" },
  event: { id: "spoofed", type: "spoofed" },
  delivery: { id: "spoofed", attempt: 99 },
  webhook: { name: "spoofed" },
  organization: { id: "spoofed" },
};

const templates: Record<PayloadFormat, string> = {
  JSON: `{"id":"{{event.id}}","type":"{{event.type}}","at":"{{event.occurredAt}}","delivery":"{{delivery.id}}","attempt":"{{delivery.attempt}}","label":"try {{delivery.attempt}}","webhook":"{{webhook.name}}","webhookId":"{{webhook.id}}","org":"{{organization.id}}","email":"{{chat.customer_email}}"}`,
  XML: `<m><id>{{event.id}}</id><type>{{event.type}}</type><at>{{event.occurredAt}}</at><delivery>{{delivery.id}}</delivery><attempt>{{delivery.attempt}}</attempt><webhook>{{webhook.name}}</webhook><webhookId>{{webhook.id}}</webhookId><org>{{organization.id}}</org><email>{{chat.customer_email}}</email></m>`,
  FORM: "id={{event.id}}\ntype={{event.type}}\nat={{event.occurredAt}}\ndelivery={{delivery.id}}\nattempt={{delivery.attempt}}\nwebhook={{webhook.name}}\nwebhookId={{webhook.id}}\norg={{organization.id}}\nemail={{chat.customer_email}}",
  TEXT: "{{event.type}} {{event.id}} at {{event.occurredAt}}; delivery {{delivery.id}} attempt {{delivery.attempt}}; {{webhook.name}} ({{webhook.id}}) of {{organization.id}}; {{chat.customer_email}}",
};

const spec = (payloadFormat: PayloadFormat): RequestSpec => ({
  eventType: "chat.closed",
  verb: "POST",
  url: "https://hooks.example.com/in",
  headers: [],
  payloadFormat,
  payloadTemplate: templates[payloadFormat],
  authType: "NONE",
});

const body = (format: PayloadFormat, eventData: typeof data = data) =>
  buildRequest(spec(format), eventData, { meta, timestamp: 1, signature: "v1,x" }).body!;

describe("meta tokens in every format", () => {
  it.each(payloadFormats)("%s templates using them validate for every event type", (format) => {
    for (const eventType of eventTypeKeys) {
      const template = templates[format].replaceAll(/\{\{chat\.[a-z_]+\}\}/g, "");
      expect(validateTemplate({ format, template, eventType }), eventType).toEqual([]);
    }
  });

  // What each field carries, as text (XML and form values are text).
  const fields = {
    id: "evt-1",
    type: "chat.closed",
    at: "2026-01-02T03:04:05.000Z",
    delivery: "dlv-1",
    attempt: "3",
    webhook: 'CRM <"Sales" & Co>',
    webhookId: "wh-1",
    org: "org-1",
    email: "mary@example.com",
  };

  it("JSON: the real values, with the attempt as a number, whatever the event data says", () => {
    expect(JSON.parse(body("JSON"))).toEqual({ ...fields, attempt: 3, label: "try 3" });
  });

  it("XML: the real values, escaped", () => {
    const xml = body("XML");
    expect(xml).toContain("<webhook>CRM &lt;&quot;Sales&quot; &amp; Co&gt;</webhook>");
    expect(new XMLParser({ parseTagValue: false }).parse(xml).m).toEqual(fields);
  });

  it("FORM: the real values, URL-encoded", () => {
    expect(Object.fromEntries(new URLSearchParams(body("FORM")))).toEqual(fields);
  });

  it("TEXT: the real values, as they are", () => {
    expect(body("TEXT")).toBe(
      'chat.closed evt-1 at 2026-01-02T03:04:05.000Z; delivery dlv-1 attempt 3; CRM <"Sales" & Co> (wh-1) of org-1; mary@example.com',
    );
  });

  it("agree with the webhook-id and X-Webhook-Attempt headers", () => {
    const { headers } = buildRequest(spec("JSON"), data, { meta, timestamp: 1, signature: "" });
    expect(headers).toContainEqual(["webhook-id", "dlv-1"]);
    expect(headers).toContainEqual(["X-Webhook-Attempt", "3"]);
  });

  it("survive masking: redacted event values are masked, meta values are not", () => {
    const masked = redactData(data, ["chat.customer_email"]);
    expect(JSON.parse(body("JSON", masked))).toMatchObject({
      email: REDACTED,
      id: "evt-1",
      attempt: 3,
    });
  });
});
