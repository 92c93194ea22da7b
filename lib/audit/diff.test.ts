import { describe, expect, it } from "vitest";
import { webhookChanges, type AuditedWebhook } from "@/lib/audit/diff";

const base: AuditedWebhook = {
  name: "CRM",
  eventType: "chat.closed",
  verb: "POST",
  url: "https://example.com/a",
  headers: [],
  payloadFormat: "JSON",
  payloadTemplate: "{}",
  testMode: true,
  testEmails: ["qa@example.com"],
  authType: "NONE",
  authUsername: null,
  authHeaderName: null,
  authCredentialsEnc: null,
  enabled: true,
  redactTokens: [],
  conditions: [],
  retryPolicy: "STANDARD",
  timeoutMs: 10_000,
};

describe("webhookChanges", () => {
  it("is empty when nothing changed", () => {
    expect(webhookChanges(base, { ...base })).toEqual([]);
  });

  it("names each changed field as the form does, with readable values", () => {
    expect(
      webhookChanges(base, {
        ...base,
        eventType: "chat.opened",
        headers: [{ name: "X-Team", value: "support" }],
        testMode: false,
        timeoutMs: 5_000,
      }),
    ).toEqual([
      { field: "Event type", from: "Chat Closed", to: "Chat Opened" },
      { field: "Headers", from: null, to: "X-Team: support" },
      { field: "Test mode", from: "On", to: "Off" },
      { field: "Timeout", from: "10 s", to: "5 s" },
    ]);
  });

  it("says a credential changed without either value", () => {
    const changes = webhookChanges(
      { ...base, authType: "BEARER", authCredentialsEnc: "v1:old" },
      { ...base, authType: "BEARER", authCredentialsEnc: "v1:new" },
    );
    expect(changes).toEqual([{ field: "Credential", secret: true }]);
  });

  it("cuts long templates", () => {
    const [change] = webhookChanges(base, { ...base, payloadTemplate: "x".repeat(2000) });
    expect(change).toEqual({
      field: "Payload template",
      from: "{}",
      to: `${"x".repeat(500)}… (2000 characters)`,
    });
  });
});
