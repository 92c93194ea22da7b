import { describe, expect, it } from "vitest";
import { newWebhookDefaults } from "@/lib/webhooks/form-values";
import {
  createWebhookSchema,
  thresholdSeconds,
  updateWebhookSchema,
  type WebhookFormValues,
} from "@/lib/webhooks/schemas";

const valid: WebhookFormValues = {
  ...newWebhookDefaults("admin@example.com"),
  url: "https://example.com/hooks",
  payloadTemplate: '{"email": "{{chat.customer_email}}"}',
};

/** The messages the create schema gives for one field. */
function errors(values: Partial<WebhookFormValues>, field: string) {
  const result = createWebhookSchema.safeParse({ ...valid, ...values });
  if (result.success) return [];
  return result.error.issues.filter((i) => i.path.join(".") === field).map((i) => i.message);
}

describe("createWebhookSchema", () => {
  it("accepts the Add Event defaults with a URL and a payload", () => {
    expect(createWebhookSchema.safeParse(valid).success).toBe(true);
  });

  it("bounds a time-based webhook's threshold: 10–86400 seconds, or 1–10080 minutes", () => {
    const at = (eventType: WebhookFormValues["eventType"], threshold: number) =>
      errors({ eventType, threshold }, "threshold");
    expect(at("chat.not_assigned", 9)).toEqual(["Enter 10 to 86400 seconds."]);
    expect(at("chat.not_assigned", 10)).toEqual([]);
    expect(at("chat.not_assigned", 86_400)).toEqual([]);
    expect(at("chat.not_assigned", 86_401)).toEqual(["Enter 10 to 86400 seconds."]);
    expect(at("offline_message.not_answered", 0)).toEqual(["Enter 1 to 10080 minutes."]);
    expect(at("offline_message.not_answered", 10_080)).toEqual([]);
    expect(at("offline_message.not_answered", 10_081)).toEqual(["Enter 1 to 10080 minutes."]);
    expect(at("chat.not_assigned", 1.5)).toEqual(["Use whole numbers."]);
    // Other types ignore it.
    expect(at("chat.closed", 0)).toEqual([]);
  });

  it("stores the threshold in seconds, and none for other types", () => {
    expect(thresholdSeconds({ eventType: "chat.not_assigned", threshold: 45 })).toBe(45);
    expect(thresholdSeconds({ eventType: "offline_message.not_answered", threshold: 2 })).toBe(120);
    expect(thresholdSeconds({ eventType: "chat.closed", threshold: 45 })).toBeNull();
  });

  it("requires an http(s) URL", () => {
    expect(errors({ url: "ftp://example.com" }, "url")).toEqual([
      "The URL must start with http:// or https://.",
    ]);
    expect(errors({ url: "example.com" }, "url")[0]).toMatch(/Enter a full URL/);
  });

  it("accepts credentials in the URL only with no or Basic authentication", () => {
    expect(errors({ url: "https://u:p@example.com" }, "url")).toEqual([]);
    expect(
      errors({ url: "https://u:p@example.com", authType: "BEARER", authToken: "t" }, "url")[0],
    ).toMatch(/carries a user name and password/);
  });

  it("accepts header names that happen to be Object.prototype members", () => {
    for (const name of ["constructor", "toString", "__proto__"]) {
      expect(errors({ headers: [{ name, value: "v" }] }, "headers.0.name"), name).toEqual([]);
    }
  });

  it("refuses reserved, malformed, duplicate and multi-line headers with a reason", () => {
    const h = (name: string, value = "v") => ({ headers: [{ name, value }] });
    expect(errors(h("Content-Length"), "headers.0.name")).toEqual([
      "Content-Length is computed from the payload.",
    ]);
    expect(errors(h("webhook-signature"), "headers.0.name")[0]).toMatch(/added to every delivery/);
    expect(errors(h("Host"), "headers.0.name")).toEqual(["Host is taken from the URL."]);
    expect(errors(h("Bad Name"), "headers.0.name")[0]).toMatch(/may contain only/);
    expect(errors(h("X-Ok", "a\r\nInjected: 1"), "headers.0.value")).toEqual([
      "Header values cannot contain line breaks.",
    ]);
    const twice = {
      headers: [
        { name: "X-A", value: "1" },
        { name: "x-a", value: "2" },
      ],
    };
    expect(errors(twice, "headers.1.name")).toEqual(["x-a is listed twice."]);
    expect(
      errors({ ...h("Authorization"), authType: "BEARER", authToken: "t" }, "headers.0.name"),
    ).toEqual(["Authorization is set by the Authentication setting below."]);
  });

  it("lets GET and DELETE carry only a Form payload", () => {
    expect(errors({ verb: "GET" }, "payloadFormat")[0]).toMatch(
      /GET sends the payload as query parameters/,
    );
    expect(
      errors(
        { verb: "GET", payloadFormat: "FORM", payloadTemplate: "email={{chat.customer_email}}" },
        "payloadFormat",
      ),
    ).toEqual([]);
    expect(errors({ verb: "DELETE", payloadTemplate: "" }, "payloadFormat")).toEqual([]);
  });

  it("names unknown tokens in the payload", () => {
    const messages = errors({ payloadTemplate: '{"t": "{{chat.trasncript}}"}' }, "payloadTemplate");
    expect(messages.join(" ")).toContain("chat.trasncript");
  });

  it("flags tokens the chosen event type does not offer", () => {
    const messages = errors(
      { eventType: "chat.opened", payloadTemplate: '{"t": "{{chat.transcript}}"}' },
      "payloadTemplate",
    );
    expect(messages.join(" ")).toContain("chat.transcript");
  });

  it("needs test e-mail addresses in Test mode, and valid ones", () => {
    expect(errors({ testEmails: "" }, "testEmails")[0]).toMatch(/enter at least one address/);
    expect(errors({ testEmails: "a@example.com, nope" }, "testEmails")).toEqual([
      "Not an e-mail address: nope.",
    ]);
    expect(errors({ testMode: false, testEmails: "" }, "testEmails")).toEqual([]);
  });

  it("asks for the credential each authentication needs", () => {
    expect(errors({ authType: "BASIC" }, "authUsername")[0]).toMatch(/user name/);
    expect(errors({ authType: "BASIC", authUsername: "u" }, "authPassword")[0]).toMatch(/password/);
    expect(errors({ authType: "BEARER" }, "authToken")).toEqual(["Enter the bearer token."]);
    expect(errors({ authType: "API_KEY", authApiKey: "k" }, "authHeaderName")[0]).toMatch(
      /X-API-Key/,
    );
    expect(errors({ authType: "API_KEY", authHeaderName: "X-Key" }, "authApiKey")).toEqual([
      "Enter the API key.",
    ]);
  });
});

describe("updateWebhookSchema", () => {
  it("lets a blank credential keep the stored one", () => {
    const result = updateWebhookSchema.safeParse({
      ...valid,
      id: "w1",
      authType: "BEARER",
      authToken: "",
    });
    expect(result.success).toBe(true);
  });
});

describe("delivery settings", () => {
  it("takes a retry policy and a timeout of 1–30 whole seconds", () => {
    expect(errors({ retryPolicy: "EXTENDED", timeoutSeconds: 30 }, "timeoutSeconds")).toEqual([]);
    expect(errors({ timeoutSeconds: 0 }, "timeoutSeconds")).toEqual(["At least 1 second."]);
    expect(errors({ timeoutSeconds: 31 }, "timeoutSeconds")).toEqual(["At most 30 seconds."]);
    expect(errors({ timeoutSeconds: 2.5 }, "timeoutSeconds")).toEqual(["Use whole seconds."]);
  });
});

describe("masked tokens", () => {
  it("takes tokens the event type offers, and names any it does not", () => {
    expect(
      errors({ redactTokens: ["chat.customer_email", "customer.ip_address"] }, "redactTokens"),
    ).toEqual([]);
    expect(
      errors(
        { eventType: "chat.closed", redactTokens: ["ticket.requester_email", "chat.nope"] },
        "redactTokens",
      ),
    ).toEqual(["Not a token of this event type: ticket.requester_email, chat.nope."]);
  });
});
