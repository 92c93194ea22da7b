import { timeBasedRule, unitSeconds } from "@/lib/events/time-based";
import type { WebhookFormValues } from "@/lib/webhooks/schemas";
import type { Webhook } from "@/lib/webhooks/service";

/**
 * The name a webhook saved without one gets — "Chat Closed → crm.example.com" — which the form
 * shows as the Name field's placeholder ("host" until the URL parses).
 */
export function defaultWebhookName(eventLabel: string, url: string | undefined): string {
  return `${eventLabel} → ${URL.canParse(url ?? "") ? new URL(url!).host : "host"}`;
}

/** Add Event's starting values: Chat Closed, POST, JSON, Test mode on, e-mailed to the admin. */
export function newWebhookDefaults(adminEmail: string): WebhookFormValues {
  return {
    name: "",
    eventType: "chat.closed",
    verb: "POST",
    headers: [],
    payloadFormat: "JSON",
    payloadTemplate: "",
    url: "",
    testMode: true,
    testEmails: adminEmail,
    authType: "NONE",
    authUsername: "",
    authPassword: "",
    authToken: "",
    authHeaderName: "",
    authApiKey: "",
    oauthTokenUrl: "",
    oauthClientId: "",
    oauthClientSecret: "",
    oauthScope: "",
    tlsClientCert: "",
    tlsClientKey: "",
    tlsRemoveClientCert: false,
    tlsCaPem: "",
    enabled: true,
    redactTokens: [],
    conditions: [],
    retryPolicy: "STANDARD",
    timeoutSeconds: 10,
    threshold: 60,
  };
}

/** A stored webhook as form values; credentials stay blank (blank keeps the stored one). */
export function webhookToFormValues(w: Webhook): WebhookFormValues {
  return {
    ...newWebhookDefaults(""),
    name: w.name,
    eventType: w.eventType as WebhookFormValues["eventType"],
    verb: w.verb,
    headers: w.headers,
    payloadFormat: w.payloadFormat,
    payloadTemplate: w.payloadTemplate,
    url: w.url,
    testMode: w.testMode,
    testEmails: w.testEmails.join(", "),
    authType: w.authType,
    authUsername: w.authUsername ?? "",
    authHeaderName: w.authHeaderName ?? "",
    oauthTokenUrl: w.oauthTokenUrl ?? "",
    oauthClientId: w.oauthClientId ?? "",
    oauthScope: w.oauthScope ?? "",
    tlsCaPem: w.tlsCaPem ?? "",
    enabled: w.enabled,
    redactTokens: w.redactTokens,
    conditions: w.conditions,
    retryPolicy: w.retryPolicy,
    timeoutSeconds: Math.round(w.timeoutMs / 1000),
    threshold: Math.round((w.thresholdSeconds ?? 60) / unitSeconds[unit(w.eventType)]),
  };
}

function unit(eventType: string) {
  return timeBasedRule(eventType)?.unit ?? "seconds";
}
