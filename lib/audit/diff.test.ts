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
  oauthTokenUrl: null,
  oauthClientId: null,
  oauthScope: null,
  tlsClientKeyEnc: null,
  tlsClientCertSubject: null,
  tlsClientCertExpiresAt: null,
  tlsCaPem: null,
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

  it("shows settings by their labels and conditions in words, not stored values", () => {
    expect(
      webhookChanges(base, {
        ...base,
        payloadFormat: "FORM",
        authType: "API_KEY",
        retryPolicy: "EXTENDED",
        conditions: [{ rules: [{ token: "customer.country", operator: "equals", value: "DE" }] }],
      }),
    ).toEqual([
      { field: "Payload format", from: "JSON", to: "Form (URL-encoded)" },
      { field: "Authentication", from: "None", to: "API key header" },
      { field: "Conditions", from: null, to: "Customer country equals “DE”" },
      {
        field: "Retry policy",
        from: "Standard — 10 retries within 6 hours",
        to: "Extended — retries over 3 days",
      },
    ]);
  });

  it("says a credential changed without either value", () => {
    const changes = webhookChanges(
      { ...base, authType: "BEARER", authCredentialsEnc: "v1:old" },
      { ...base, authType: "BEARER", authCredentialsEnc: "v1:new" },
    );
    expect(changes).toEqual([{ field: "Credential", secret: true }]);
  });

  it("shows OAuth2 settings and the client certificate with values, secrets only as changed", () => {
    const changes = webhookChanges(base, {
      ...base,
      authType: "OAUTH2",
      authCredentialsEnc: "v1:secret",
      oauthTokenUrl: "https://auth.example.com/token",
      oauthClientId: "hooks",
      oauthScope: "events:write",
      tlsClientKeyEnc: "v1:key",
      tlsClientCertSubject: "CN=client",
      tlsClientCertExpiresAt: new Date("2031-02-03T00:00:00Z"),
    });
    expect(changes).toEqual([
      { field: "Authentication", from: "None", to: "OAuth2 client credentials" },
      { field: "Token URL", from: null, to: "https://auth.example.com/token" },
      { field: "Client id", from: null, to: "hooks" },
      { field: "Scope", from: null, to: "events:write" },
      { field: "Client certificate", from: null, to: "CN=client (expires 2031-02-03)" },
      { field: "Client secret", secret: true },
      { field: "Client certificate key", secret: true },
    ]);
    expect(JSON.stringify(changes)).not.toMatch(/v1:/);
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
