import { z } from "zod";
import { conditionsSchema, VALUELESS } from "@/lib/conditions/schemas";
import { eventTypeKeys, getEventType } from "@/lib/events/catalog";
import { timeBasedRule, unitSeconds } from "@/lib/events/time-based";
import { payloadFormats, sendsInQuery, validateTemplate } from "@/lib/payload";

// The formats are the payload module's; re-exported for the form and the tests.
export { payloadFormats };

// One schema per operation, used by the Add Event / Edit form (zodResolver) and by the
// server actions, so the browser and the server give the same answers.

export const verbs = ["POST", "PUT", "PATCH", "GET", "DELETE"] as const;
export const authTypes = ["NONE", "BASIC", "BEARER", "API_KEY", "OAUTH2"] as const;
export const retryPolicies = ["STANDARD", "EXTENDED", "NONE"] as const;
export type Verb = (typeof verbs)[number];
export type AuthTypeKey = (typeof authTypes)[number];

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

const ADDED_BY_US = "is added to every delivery automatically.";
/** Headers a webhook may not set, with the reason shown to the admin. */
export const RESERVED_HEADERS: Record<string, string> = {
  host: "Host is taken from the URL.",
  "content-length": "Content-Length is computed from the payload.",
  "transfer-encoding": "Transfer-Encoding is chosen by the sender.",
  connection: "Connection is managed by the sender.",
  "webhook-id": `webhook-id ${ADDED_BY_US}`,
  "webhook-timestamp": `webhook-timestamp ${ADDED_BY_US}`,
  "webhook-signature": `webhook-signature ${ADDED_BY_US}`,
  "x-webhook-event": `X-Webhook-Event ${ADDED_BY_US}`,
  "x-webhook-attempt": `X-Webhook-Attempt ${ADDED_BY_US}`,
};

/** Why a (lower-case) header name is reserved, or undefined. Own keys only: "constructor" is a header name. */
const reservedReason = (lower: string): string | undefined =>
  Object.hasOwn(RESERVED_HEADERS, lower) ? RESERVED_HEADERS[lower] : undefined;

const emailList = (value: string) =>
  value
    .split(/[,;\s]+/)
    .map((e) => e.trim())
    .filter(Boolean);

/** The Test e-mail field as a list of addresses. */
export const parseEmailList = emailList;

const fields = z.object({
  name: z.string().trim().max(120, "Keep the name under 120 characters."),
  eventType: z.enum(eventTypeKeys, { error: "Choose an event type." }),
  verb: z.enum(verbs, { error: "Choose a verb." }),
  headers: z
    .array(
      z.object({
        name: z.string().trim(),
        value: z.string().max(4096, "Header values are limited to 4096 characters."),
      }),
    )
    .max(20, "At most 20 headers."),
  payloadFormat: z.enum(payloadFormats, { error: "Choose a payload format." }),
  payloadTemplate: z.string().max(65_536, "The payload template is limited to 64 KB."),
  url: z
    .string()
    .trim()
    .min(1, "Enter the URL to deliver to.")
    .max(2048, "URLs are limited to 2048 characters."),
  testMode: z.boolean(),
  testEmails: z.string().trim().max(2000, "Too many test e-mail addresses."),
  authType: z.enum(authTypes),
  authUsername: z.string().trim().max(256, "User names are limited to 256 characters."),
  authPassword: z.string().max(1024, "Passwords are limited to 1024 characters."),
  authToken: z.string().trim().max(4096, "Tokens are limited to 4096 characters."),
  authHeaderName: z.string().trim().max(100, "Header names are limited to 100 characters."),
  authApiKey: z.string().trim().max(4096, "API keys are limited to 4096 characters."),
  oauthTokenUrl: z.string().trim().max(2048, "URLs are limited to 2048 characters."),
  oauthClientId: z.string().trim().max(512, "Client ids are limited to 512 characters."),
  oauthClientSecret: z.string().max(4096, "Client secrets are limited to 4096 characters."),
  oauthScope: z.string().trim().max(1024, "The scope is limited to 1024 characters."),
  /** mTLS client certificate and key (PEM); on edit both blank keep the stored pair. */
  tlsClientCert: z.string().trim().max(65_536, "The certificate is limited to 64 KB."),
  tlsClientKey: z.string().trim().max(65_536, "The private key is limited to 64 KB."),
  /** Edit: remove the stored client certificate. */
  tlsRemoveClientCert: z.boolean(),
  /** CA certificates (PEM) trusted instead of the default store, for self-signed receivers. */
  tlsCaPem: z.string().trim().max(65_536, "The CA certificates are limited to 64 KB."),
  enabled: z.boolean(),
  /** Token paths masked in the delivery log and test e-mails (still delivered live). */
  redactTokens: z.array(z.string().max(200)).max(200),
  /** When it fires: lib/conditions. Empty: for every event of its type. */
  conditions: conditionsSchema,
  retryPolicy: z.enum(retryPolicies, { error: "Choose a retry policy." }),
  timeoutSeconds: z
    .number({ error: "Enter the timeout in seconds." })
    .int("Use whole seconds.")
    .min(1, "At least 1 second.")
    .max(30, "At most 30 seconds."),
  /** Time-based event types: the deadline, in the type's unit (seconds or minutes). */
  threshold: z.number({ error: "Enter the time." }).int("Use whole numbers."),
});

export type WebhookFormValues = z.infer<typeof fields>;

type Check = {
  /** On edit a blank secret keeps the stored one. */ blankSecretKeepsStored: boolean;
};

function check(v: WebhookFormValues, ctx: z.RefinementCtx, { blankSecretKeepsStored }: Check) {
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: "custom", path, message });

  let url: URL | undefined;
  try {
    url = new URL(v.url);
  } catch {
    issue(["url"], "Enter a full URL, such as https://example.com/webhooks/chat.");
  }
  if (url && url.protocol !== "http:" && url.protocol !== "https:") {
    issue(["url"], "The URL must start with http:// or https://.");
  }
  if (url && (url.username || url.password) && !["NONE", "BASIC"].includes(v.authType)) {
    issue(
      ["url"],
      "This URL carries a user name and password (Basic auth) but Authentication is set to something else: remove them from the URL or choose Basic.",
    );
  }

  const seen = new Set<string>();
  v.headers.forEach((h, i) => {
    const lower = h.name.toLowerCase();
    if (!h.name) return issue(["headers", i, "name"], "Enter a header name, or remove the row.");
    if (!HEADER_NAME.test(h.name)) {
      return issue(
        ["headers", i, "name"],
        "Header names may contain only letters, digits and !#$%&'*+-.^_`|~ (no spaces or colons).",
      );
    }
    const reserved = reservedReason(lower);
    if (reserved) return issue(["headers", i, "name"], reserved);
    if (lower === "authorization" && v.authType !== "NONE") {
      return issue(
        ["headers", i, "name"],
        "Authorization is set by the Authentication setting below.",
      );
    }
    if (v.authType === "API_KEY" && lower === v.authHeaderName.toLowerCase()) {
      return issue(
        ["headers", i, "name"],
        `${h.name} is already sent by the API key authentication.`,
      );
    }
    if (seen.has(lower)) return issue(["headers", i, "name"], `${h.name} is listed twice.`);
    seen.add(lower);
    if (/[\r\n\0]/.test(h.value))
      issue(["headers", i, "value"], "Header values cannot contain line breaks.");
  });

  if (sendsInQuery(v.verb) && v.payloadFormat !== "FORM" && v.payloadTemplate.trim()) {
    issue(
      ["payloadFormat"],
      `${v.verb} sends the payload as query parameters: choose the Form format, or a verb with a body (POST, PUT or PATCH).`,
    );
  }
  for (const problem of validateTemplate({
    format: v.payloadFormat,
    template: v.payloadTemplate,
    eventType: v.eventType,
  })) {
    issue(["payloadTemplate"], problem.message);
  }

  const offered = new Set(getEventType(v.eventType)?.tokens.map((t) => t.path));
  const foreign = v.redactTokens.filter((path) => !offered.has(path));
  if (foreign.length)
    issue(["redactTokens"], `Not a token of this event type: ${foreign.join(", ")}.`);

  v.conditions.forEach((group, g) =>
    group.rules.forEach((rule, r) => {
      const path = ["conditions", g, "rules", r];
      if (!offered.has(rule.token)) issue([...path, "token"], "Choose a token of this event type.");
      if (VALUELESS.includes(rule.operator)) return;
      if (!rule.value.trim()) issue([...path, "value"], "Enter the value to compare with.");
      else if (
        (rule.operator === "greater_than" || rule.operator === "less_than") &&
        !Number.isFinite(Number(rule.value)) &&
        Number.isNaN(Date.parse(rule.value))
      )
        issue([...path, "value"], "Enter a number or a date to compare with.");
    }),
  );

  const rule = timeBasedRule(v.eventType);
  if (rule && !(v.threshold >= rule.min && v.threshold <= rule.max))
    issue(["threshold"], `Enter ${rule.min} to ${rule.max} ${rule.unit}.`);

  const emails = emailList(v.testEmails);
  if (v.testMode && emails.length === 0)
    issue(["testEmails"], "Test mode e-mails every payload: enter at least one address.");
  const bad = emails.filter((e) => !z.email().safeParse(e).success);
  if (bad.length) issue(["testEmails"], `Not an e-mail address: ${bad.join(", ")}.`);
  if (emails.length > 10) issue(["testEmails"], "At most 10 test e-mail addresses.");

  const needSecret = (path: string, value: string, message: string) => {
    if (!value && !blankSecretKeepsStored) issue([path], message);
  };
  if (v.authType === "BASIC" && !(url?.username || v.authUsername))
    issue(["authUsername"], "Enter the user name for Basic authentication.");
  if (v.authType === "BASIC" && !url?.password)
    needSecret("authPassword", v.authPassword, "Enter the password for Basic authentication.");
  if (v.authType === "BEARER") needSecret("authToken", v.authToken, "Enter the bearer token.");
  if (v.authType === "API_KEY") {
    if (!v.authHeaderName)
      issue(["authHeaderName"], "Enter the header that carries the API key, such as X-API-Key.");
    else if (!HEADER_NAME.test(v.authHeaderName))
      issue(
        ["authHeaderName"],
        "Header names may contain only letters, digits and !#$%&'*+-.^_`|~.",
      );
    else if (reservedReason(v.authHeaderName.toLowerCase()))
      issue(["authHeaderName"], reservedReason(v.authHeaderName.toLowerCase())!);
    needSecret("authApiKey", v.authApiKey, "Enter the API key.");
  }
  if (v.authType === "OAUTH2") {
    if (!/^https?:\/\/[^\s]+$/i.test(v.oauthTokenUrl) || !URL.canParse(v.oauthTokenUrl))
      issue(
        ["oauthTokenUrl"],
        "Enter the token endpoint URL, such as https://auth.example.com/oauth/token.",
      );
    if (!v.oauthClientId) issue(["oauthClientId"], "Enter the client id.");
    needSecret("oauthClientSecret", v.oauthClientSecret, "Enter the client secret.");
  }
  checkTls(v, url, issue);
}

const PEM_CERTIFICATE = "-----BEGIN CERTIFICATE-----";
const PEM_PRIVATE_KEY = /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/;

/** What can be checked of the mTLS and CA fields in a browser; the server parses them fully. */
function checkTls(
  v: WebhookFormValues,
  url: URL | undefined,
  issue: (path: string[], message: string) => void,
) {
  const cert = v.tlsRemoveClientCert ? "" : v.tlsClientCert;
  const key = v.tlsRemoveClientCert ? "" : v.tlsClientKey;
  if (cert && !cert.includes(PEM_CERTIFICATE))
    issue(["tlsClientCert"], "Paste the certificate in PEM form (-----BEGIN CERTIFICATE-----).");
  if (key && !PEM_PRIVATE_KEY.test(key))
    issue(["tlsClientKey"], "Paste the private key in PEM form (-----BEGIN PRIVATE KEY-----).");
  if (cert && !key) issue(["tlsClientKey"], "Enter the private key of the client certificate.");
  if (key && !cert) issue(["tlsClientCert"], "Enter the client certificate of this private key.");
  if (v.tlsCaPem && !v.tlsCaPem.includes(PEM_CERTIFICATE))
    issue(["tlsCaPem"], "Paste the CA certificates in PEM form (-----BEGIN CERTIFICATE-----).");
  if ((cert || v.tlsCaPem) && url && url.protocol !== "https:")
    issue(["url"], "A client certificate or custom CA needs an https:// URL.");
}

/** The stored deadline of a time-based webhook, in seconds; null for other event types. */
export function thresholdSeconds(v: Pick<WebhookFormValues, "eventType" | "threshold">) {
  const rule = timeBasedRule(v.eventType);
  return rule ? v.threshold * unitSeconds[rule.unit] : null;
}

/** Add Event. */
export const createWebhookSchema = fields.superRefine((v, ctx) =>
  check(v, ctx, { blankSecretKeepsStored: false }),
);

/** Edit: blank credential fields keep the stored credential. */
export const updateWebhookSchema = fields
  .extend({ id: z.string().min(1) })
  .superRefine((v, ctx) => check(v, ctx, { blankSecretKeepsStored: true }));

export type UpdateWebhookValues = z.infer<typeof updateWebhookSchema>;

/** Actions that only name a webhook. */
export const webhookIdSchema = z.object({ id: z.string().min(1, "Missing webhook id.") });

export const setWebhookEnabledSchema = webhookIdSchema.extend({ enabled: z.boolean() });

/** Settings → Webhook policy. */
export const setVerificationPolicySchema = z.object({ requireVerifiedUrl: z.boolean() });

/** List filters (from the URL). */
export const webhookFiltersSchema = z.object({
  eventType: z.enum(eventTypeKeys).optional().catch(undefined),
  mode: z.enum(["test", "live"]).optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
});
export type WebhookFilters = z.infer<typeof webhookFiltersSchema>;

/** The URL to check against the outbound guard while editing. */
export const checkUrlSchema = z.object({ url: z.string().trim().max(2048) });
