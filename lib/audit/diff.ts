import type { AuditChange } from "@/lib/audit/catalog";
import { conditionsInWords } from "@/lib/conditions/describe";
import type { Conditions } from "@/lib/conditions/schemas";
import { getEventType } from "@/lib/events/catalog";
import { describeCertificates } from "@/lib/webhooks/certificates";
import {
  authTypeLabels,
  labelOf,
  payloadFormatLabels,
  retryPolicyLabels,
} from "@/lib/webhooks/labels";

// Field-level differences between two versions of a webhook, for the audit log: labelled as
// the form labels them, values as text, secrets only as "changed".

/** The columns of a webhook the audit log compares. */
export type AuditedWebhook = {
  name: string;
  eventType: string;
  verb: string;
  url: string;
  headers: unknown;
  payloadFormat: string;
  payloadTemplate: string;
  testMode: boolean;
  testEmails: string[];
  authType: string;
  authUsername: string | null;
  authHeaderName: string | null;
  authCredentialsEnc: string | null;
  oauthTokenUrl: string | null;
  oauthClientId: string | null;
  oauthScope: string | null;
  tlsClientKeyEnc: string | null;
  tlsClientCertSubject: string | null;
  tlsClientCertExpiresAt: Date | null;
  tlsCaPem: string | null;
  enabled: boolean;
  redactTokens: string[];
  conditions: unknown;
  retryPolicy: string;
  timeoutMs: number;
};

/** Longer values are cut here in the log (templates can be 64 KB). */
const MAX_TEXT = 500;

const onOff = (v: boolean) => (v ? "On" : "Off");
const list = (v: string[]) => (v.length ? v.join(", ") : null);
const text = (v: string | null) =>
  !v ? null : v.length > MAX_TEXT ? `${v.slice(0, MAX_TEXT)}… (${v.length} characters)` : v;

const fields: { field: string; show(w: AuditedWebhook): string | null }[] = [
  { field: "Name", show: (w) => w.name },
  { field: "Event type", show: (w) => getEventType(w.eventType)?.label ?? w.eventType },
  { field: "HTTP verb", show: (w) => w.verb },
  { field: "URL", show: (w) => w.url },
  {
    field: "Headers",
    show: (w) =>
      list((w.headers as { name: string; value: string }[]).map((h) => `${h.name}: ${h.value}`)),
  },
  { field: "Payload format", show: (w) => labelOf(payloadFormatLabels, w.payloadFormat) },
  { field: "Payload template", show: (w) => text(w.payloadTemplate) },
  { field: "Test mode", show: (w) => onOff(w.testMode) },
  { field: "Test e-mail", show: (w) => list(w.testEmails) },
  { field: "Authentication", show: (w) => labelOf(authTypeLabels, w.authType) },
  { field: "User name", show: (w) => w.authUsername },
  { field: "API key header", show: (w) => w.authHeaderName },
  { field: "Token URL", show: (w) => w.oauthTokenUrl },
  { field: "Client id", show: (w) => w.oauthClientId },
  { field: "Scope", show: (w) => w.oauthScope },
  {
    field: "Client certificate",
    show: (w) =>
      w.tlsClientCertSubject &&
      `${w.tlsClientCertSubject} (expires ${w.tlsClientCertExpiresAt?.toISOString().slice(0, 10)})`,
  },
  { field: "Custom CA", show: (w) => w.tlsCaPem && describeCertificates(w.tlsCaPem) },
  { field: "Enabled", show: (w) => onOff(w.enabled) },
  { field: "Masked tokens", show: (w) => list(w.redactTokens) },
  {
    field: "Conditions",
    show: (w) =>
      conditionsInWords(w.eventType, (w.conditions ?? []) as Conditions).join(" OR ") || null,
  },
  { field: "Retry policy", show: (w) => labelOf(retryPolicyLabels, w.retryPolicy) },
  { field: "Timeout", show: (w) => `${w.timeoutMs / 1000} s` },
];

/** What changed from `before` to `after`, in form order; empty when nothing did. */
export function webhookChanges(before: AuditedWebhook, after: AuditedWebhook): AuditChange[] {
  const changes: AuditChange[] = [];
  for (const { field, show } of fields) {
    const from = show(before);
    const to = show(after);
    if (from !== to) changes.push({ field, from, to });
  }
  // Ciphertexts differ whenever a credential is entered again (a new IV), even if unchanged.
  if (before.authCredentialsEnc !== after.authCredentialsEnc && after.authCredentialsEnc) {
    changes.push({
      field: after.authType === "OAUTH2" ? "Client secret" : "Credential",
      secret: true,
    });
  }
  if (before.tlsClientKeyEnc !== after.tlsClientKeyEnc && after.tlsClientKeyEnc) {
    changes.push({ field: "Client certificate key", secret: true });
  }
  return changes;
}
