import { describe, expect, it } from "vitest";
import { curlCommand } from "@/lib/delivery/curl";
import { escapeHtml, prettyJson, renderTestEmail } from "@/lib/test-emails/render";
import { MASK, type BuiltRequest } from "@/lib/payload/request";

const request: BuiltRequest = {
  method: "POST",
  url: "https://crm.example.com/hooks/chat?src=lhn",
  headers: [
    ["Content-Type", "application/json"],
    ["User-Agent", "ChatWebhooks/0.1.0"],
    ["Authorization", `Bearer ${MASK}`],
    ["webhook-id", "dlv_123"],
    ["webhook-timestamp", "1795356309"],
    ["webhook-signature", "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4="],
    ["X-Webhook-Event", "chat_closed"],
  ],
  body: '{"chat":{"id":"C-1","tags":["sales","vip"],"meta":{}},"total":12345678901234567890}',
};

function render(
  overrides: Partial<BuiltRequest> = {},
  names = { event: "Chat Closed", webhook: "CRM sync" },
) {
  return renderTestEmail({
    eventTypeLabel: names.event,
    webhookName: names.webhook,
    request: { ...request, ...overrides },
  });
}

describe("renderTestEmail", () => {
  it("titles the e-mail [Test] <event type> → <webhook name>, on one line", () => {
    expect(render().subject).toBe("[Test] Chat Closed → CRM sync");
    expect(render({}, { event: "Chat Closed", webhook: "CRM\r\nBcc: x@evil" }).subject).toBe(
      "[Test] Chat Closed → CRM Bcc: x@evil",
    );
  });

  it("says it is a Test mode delivery and where Live mode would send it", () => {
    const { text, html } = render();
    expect(text).toContain("This is a Test mode delivery");
    expect(text).toContain(
      "Switch Test mode off to send it to https://crm.example.com/hooks/chat?src=lhn.",
    );
    expect(html).toContain(
      "Switch Test mode off to send it to https://crm.example.com/hooks/chat?src=lhn.",
    );
  });

  it("shows the verb and URL, every header, and the signature headers listed on their own", () => {
    const { text, html } = render();
    expect(text).toContain("POST https://crm.example.com/hooks/chat?src=lhn");
    for (const [name, value] of request.headers) {
      expect(text).toContain(`${name}: ${value}`);
      expect(html).toContain(escapeHtml(name));
      expect(html).toContain(escapeHtml(value));
    }
    const signatures = text.slice(text.indexOf("SIGNATURE HEADERS"), text.indexOf("BODY"));
    expect(signatures).toContain("webhook-id: dlv_123");
    expect(signatures).toContain("webhook-timestamp: 1795356309 (22 Nov 2026, 14:05:09 UTC)");
    expect(signatures).toContain("webhook-signature: v1,K5oZ");
    expect(html).toContain("Signature headers (Standard Webhooks)");
  });

  it("pretty-prints a JSON body, keeping every value exactly as sent", () => {
    const { text, html } = render();
    const pretty = [
      "{",
      '  "chat": {',
      '    "id": "C-1",',
      '    "tags": [',
      '      "sales",',
      '      "vip"',
      "    ],",
      '    "meta": {}',
      "  },",
      '  "total": 12345678901234567890',
      "}",
    ].join("\n");
    expect(text).toContain(pretty);
    expect(html).toContain(escapeHtml(pretty));
  });

  it("shows a body that is not JSON as it is", () => {
    const xml = "<chat>\n  <id>C-1</id>\n</chat>";
    const { text, html } = render({ body: xml, headers: [["Content-Type", "application/xml"]] });
    expect(text).toContain(`BODY\n${xml}\n`);
    expect(html).toContain(escapeHtml(xml));
  });

  it("says where the payload went when the verb sends no body", () => {
    const { text } = render({ method: "GET", body: null, url: "https://crm.example.com/h?id=C-1" });
    expect(text).toContain("No body: GET sends the payload in the URL's query string.");
  });

  it("includes the curl command that reproduces the request, escaped in HTML", () => {
    const { text, html } = render();
    const curl = curlCommand(request);
    expect(text).toContain(curl);
    expect(html).toContain(escapeHtml(curl));
  });

  it("warns that credentials are masked only when they are", () => {
    expect(render().text).toContain(`Credentials are masked (${MASK})`);
    expect(render({ headers: [["webhook-id", "dlv_1"]] }).text).not.toContain(
      "Credentials are masked",
    );
  });

  it("keeps hostile values inert in HTML: </pre><script> in the body, markup in names and headers", () => {
    const { html } = render(
      {
        body: 'plain </pre><script>alert("body")</script>',
        headers: [["X-Evil", '"><img src=x onerror=alert(1)>']],
        url: "https://crm.example.com/<script>",
      },
      { event: "<b>Chat</b>", webhook: "</td></table><script>alert(2)</script>" },
    );
    expect(html).not.toMatch(/<script|<img|<b>/i);
    expect(html).toContain("&lt;/pre&gt;&lt;script&gt;alert(&quot;body&quot;)&lt;/script&gt;");
    expect(html.match(/<pre\b/g)).toHaveLength(3);
    expect(html.match(/<\/pre>/g)).toHaveLength(3);
  });

  it("lays the HTML out with tables and inline styles only", () => {
    const { html } = render();
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<table role="presentation"');
    expect(html).not.toMatch(/<style|<link|class=/i);
  });
});

describe("prettyJson", () => {
  it("re-indents without reading values, so strings with JSON punctuation stay intact", () => {
    expect(prettyJson('{"a":"x,{y}:[\\"z\\"]","b":[],"c":-1.5e3}')).toBe(
      '{\n  "a": "x,{y}:[\\"z\\"]",\n  "b": [],\n  "c": -1.5e3\n}',
    );
    expect(prettyJson("not json")).toBeNull();
    expect(prettyJson('"just a string"')).toBe('"just a string"');
  });
});
