import type { AuthTypeKey } from "@/lib/webhooks/schemas";

// How a webhook's settings read to people (the webhook's page, the audit log), instead of the
// stored values (BASIC, API_KEY, FORM, EXTENDED).

export const authTypeLabels: Record<AuthTypeKey, string> = {
  NONE: "None",
  BASIC: "Basic",
  BEARER: "Bearer",
  API_KEY: "API key header",
  OAUTH2: "OAuth2 client credentials",
};

export const payloadFormatLabels: Record<string, string> = {
  JSON: "JSON",
  XML: "XML",
  FORM: "Form (URL-encoded)",
  TEXT: "Plain text",
};

export const retryPolicyLabels: Record<string, string> = {
  STANDARD: "Standard — 10 retries within 6 hours",
  EXTENDED: "Extended — retries over 3 days",
  NONE: "None — one attempt only",
};

/** The label for a stored value; an unknown value shows as it is. */
export const labelOf = (labels: Record<string, string>, value: string) => labels[value] ?? value;
