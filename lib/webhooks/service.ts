import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { webhookChanges } from "@/lib/audit/diff";
import { recordAudit, type AuditEntryInput } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/actor";
import type { Conditions } from "@/lib/conditions/schemas";
import { assertCan } from "@/lib/auth/permissions";
import { encryptSecret, generateSigningSecret } from "@/lib/crypto/secrets";
import { checkClientCertificate, parseCertificates } from "@/lib/webhooks/certificates";
import { db } from "@/lib/db/client";
import { checkUrlTarget } from "@/lib/outbound/guarded-send";
import { env } from "@/lib/env";
import { NotFoundError, UserError } from "@/lib/errors";
import { getEventType } from "@/lib/events/catalog";
import { HEALTH_RESET } from "@/lib/webhooks/health";
import { assertGoLiveAllowed } from "@/lib/webhooks/policy";
import {
  parseEmailList,
  type UpdateWebhookValues,
  type WebhookFilters,
  thresholdSeconds,
  type WebhookFormValues,
} from "@/lib/webhooks/schemas";
import { defaultWebhookName } from "@/lib/webhooks/form-values";

// Webhook data access. Every query is scoped by the actor's organization in its WHERE;
// secrets are never selected here (the delivery engine has its own getter).

/** The columns safe to send to a browser. */
const publicSelect = {
  id: true,
  name: true,
  eventType: true,
  verb: true,
  url: true,
  headers: true,
  payloadFormat: true,
  payloadTemplate: true,
  testMode: true,
  testEmails: true,
  authType: true,
  authUsername: true,
  authHeaderName: true,
  oauthTokenUrl: true,
  oauthClientId: true,
  oauthScope: true,
  tlsClientCertSubject: true,
  tlsClientCertExpiresAt: true,
  tlsCaPem: true,
  signingSecretHint: true,
  secretRotatedAt: true,
  enabled: true,
  disabledReason: true,
  redactTokens: true,
  conditions: true,
  skippedEvents: true,
  verifiedUrl: true,
  verifiedAt: true,
  verificationError: true,
  retryPolicy: true,
  timeoutMs: true,
  thresholdSeconds: true,
  consecutiveFailures: true,
  failureAlertLevel: true,
  lastSuccessAt: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.WebhookSelect;

/**
 * What an edit reads and writes back: the public columns plus the stored secrets and
 * certificate, which the audit log compares (lib/audit/diff.ts) and which never leave here.
 */
const auditedSelect = {
  ...publicSelect,
  authCredentialsEnc: true,
  tlsClientKeyEnc: true,
  tlsClientCertPem: true,
} satisfies Prisma.WebhookSelect;

export type Webhook = Omit<
  Prisma.WebhookGetPayload<{ select: typeof publicSelect }>,
  "headers" | "conditions"
> & {
  headers: { name: string; value: string }[];
  conditions: Conditions;
};

const inOrg = (actor: Actor) => ({ organizationId: actor.organizationId });

type PublicRow = Prisma.WebhookGetPayload<{ select: typeof publicSelect }>;

/** A row as the browser may see it: only the publicSelect columns, whatever else was read. */
function toWebhook(read: PublicRow): Webhook {
  const row = Object.fromEntries(
    Object.keys(publicSelect).map((key) => [key, read[key as keyof PublicRow]]),
  ) as PublicRow;
  return {
    ...row,
    headers: (row.headers ?? []) as Webhook["headers"],
    conditions: (row.conditions ?? []) as Conditions,
  };
}

/** The organization's webhooks, newest change first, filtered. */
export async function listWebhooks(actor: Actor, filters: WebhookFilters = {}): Promise<Webhook[]> {
  assertCan(actor, "webhooks.read");
  const rows = await db.webhook.findMany({
    where: {
      ...inOrg(actor),
      ...(filters.eventType && { eventType: filters.eventType }),
      ...(filters.mode && { testMode: filters.mode === "test" }),
      ...(filters.q && {
        OR: [
          { name: { contains: filters.q, mode: "insensitive" } },
          { url: { contains: filters.q, mode: "insensitive" } },
        ],
      }),
    },
    select: publicSelect,
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: 500,
  });
  return rows.map(toWebhook);
}

export type LastDelivery = {
  outcome: string;
  responseStatus: number | null;
  errorClass: string | null;
  at: Date;
};

/** Each webhook's latest attempt: one index lookup per webhook, whatever the log's size. */
export async function lastDeliveries(
  actor: Actor,
  webhookIds: string[],
): Promise<Map<string, LastDelivery>> {
  assertCan(actor, "webhooks.read");
  if (webhookIds.length === 0) return new Map();
  const rows = await db.$queryRaw<(LastDelivery & { webhookId: string })[]>`
    SELECT w.id AS "webhookId", a.outcome, a."responseStatus", a."errorClass"::text AS "errorClass", a."createdAt" AS at
    FROM unnest(${webhookIds}::text[]) AS w(id)
    CROSS JOIN LATERAL (
      SELECT outcome, "responseStatus", "errorClass", "createdAt" FROM "DeliveryAttempt"
      WHERE "webhookId" = w.id AND "organizationId" = ${actor.organizationId}
      ORDER BY "createdAt" DESC LIMIT 1
    ) a`;
  return new Map(rows.map(({ webhookId, ...last }) => [webhookId, last]));
}

/** One webhook of the actor's organization, or NotFoundError. */
/** The organization's webhooks by name, for filters. */
export async function listWebhookNames(actor: Actor) {
  assertCan(actor, "webhooks.read");
  return db.webhook.findMany({
    where: inOrg(actor),
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}

export async function getWebhook(actor: Actor, id: string): Promise<Webhook> {
  assertCan(actor, "webhooks.read");
  const row = await db.webhook.findFirst({ where: { id, ...inOrg(actor) }, select: publicSelect });
  if (!row) throw new NotFoundError("That webhook");
  return toWebhook(row);
}

/** Whether the organization has any webhook at all (for the empty state). */
export async function hasWebhooks(actor: Actor): Promise<boolean> {
  assertCan(actor, "webhooks.read");
  return (await db.webhook.count({ where: inOrg(actor), take: 1 })) > 0;
}

type Stored = Prisma.WebhookGetPayload<{ select: typeof auditedSelect }> | null;

type ClientCert = {
  tlsClientCertPem: string | null;
  tlsClientKeyEnc: string | null;
  tlsClientCertSubject: string | null;
  tlsClientCertExpiresAt: Date | null;
};
const NO_CLIENT_CERT: ClientCert = {
  tlsClientCertPem: null,
  tlsClientKeyEnc: null,
  tlsClientCertSubject: null,
  tlsClientCertExpiresAt: null,
};

/** mTLS columns: a new certificate and key checked and encrypted, blank keeps, or removed. */
function tlsColumns(values: WebhookFormValues, stored: Stored, url: URL) {
  const client = values.tlsRemoveClientCert
    ? NO_CLIENT_CERT
    : values.tlsClientCert
      ? newClientCert(values.tlsClientCert, values.tlsClientKey)
      : storedClientCert(stored);
  if (values.tlsCaPem) parseCertificates(values.tlsCaPem, "Custom CA");
  if ((client.tlsClientCertPem || values.tlsCaPem) && url.protocol !== "https:")
    throw new UserError("A client certificate or custom CA needs an https:// URL.");
  return { ...client, tlsCaPem: values.tlsCaPem || null };
}

function newClientCert(certPem: string, keyPem: string): ClientCert {
  const { subject, expiresAt } = checkClientCertificate(certPem, keyPem, new Date());
  return {
    tlsClientCertPem: certPem,
    tlsClientKeyEnc: encryptSecret(keyPem),
    tlsClientCertSubject: subject,
    tlsClientCertExpiresAt: expiresAt,
  };
}

function storedClientCert(stored: Stored): ClientCert {
  if (!stored?.tlsClientCertPem) return NO_CLIENT_CERT;
  const { tlsClientCertPem, tlsClientKeyEnc, tlsClientCertSubject, tlsClientCertExpiresAt } =
    stored;
  return { tlsClientCertPem, tlsClientKeyEnc, tlsClientCertSubject, tlsClientCertExpiresAt };
}

/** Form values → columns: credentials out of the URL, default name, encrypted credential. */
function toColumns(values: WebhookFormValues, stored: Stored) {
  const url = new URL(values.url);
  let { authType, authUsername } = values;
  let secret =
    authType === "BASIC"
      ? values.authPassword
      : authType === "BEARER"
        ? values.authToken
        : authType === "OAUTH2"
          ? values.oauthClientSecret
          : values.authApiKey;
  if (url.username || url.password) {
    // https://user:pass@host is accepted (as LiveChat documents it) but never stored in the URL.
    authType = "BASIC";
    authUsername = decodeURIComponent(url.username);
    secret = decodeURIComponent(url.password) || secret;
    url.username = "";
    url.password = "";
  }
  let authCredentialsEnc: string | null = null;
  if (authType !== "NONE") {
    if (secret) authCredentialsEnc = encryptSecret(secret);
    else if (stored?.authType === authType && stored.authCredentialsEnc)
      authCredentialsEnc = stored.authCredentialsEnc;
    else if (authType !== "BASIC")
      throw new UserError("Enter the credential for the chosen authentication.");
    else authCredentialsEnc = encryptSecret("");
  }
  const eventType = getEventType(values.eventType);
  return {
    name: values.name || defaultWebhookName(eventType?.label ?? values.eventType, url.href),
    eventType: values.eventType,
    verb: values.verb,
    url: url.toString(),
    headers: values.headers.filter((h) => h.name),
    payloadFormat: values.payloadFormat,
    payloadTemplate: values.payloadTemplate,
    testMode: values.testMode,
    testEmails: [...new Set(parseEmailList(values.testEmails).map((e) => e.toLowerCase()))],
    authType,
    authUsername: authType === "BASIC" ? authUsername : null,
    authHeaderName: authType === "API_KEY" ? values.authHeaderName : null,
    authCredentialsEnc,
    ...oauthColumns(authType, values),
    ...tlsColumns(values, stored, url),
    enabled: values.enabled,
    // Enabling by hand clears the reason the system disabled it for, and its failure count.
    ...(values.enabled && HEALTH_RESET),
    redactTokens: [...new Set(values.redactTokens)],
    conditions: values.conditions,
    retryPolicy: values.retryPolicy,
    timeoutMs: values.timeoutSeconds * 1000,
    thresholdSeconds: thresholdSeconds(values),
  };
}

function oauthColumns(authType: string, values: WebhookFormValues) {
  const on = authType === "OAUTH2";
  return {
    oauthTokenUrl: on ? values.oauthTokenUrl : null,
    oauthClientId: on ? values.oauthClientId : null,
    oauthScope: on && values.oauthScope ? values.oauthScope : null,
  };
}

function newSecretColumns() {
  const signingSecret = generateSigningSecret();
  return {
    signingSecret,
    columns: {
      signingSecretEnc: encryptSecret(signingSecret),
      signingSecretHint: signingSecret.slice(-4),
    },
  };
}

/** Add Event. Returns the signing secret, which is shown this once. */
export async function createWebhook(actor: Actor, values: WebhookFormValues) {
  assertCan(actor, "webhooks.write");
  const { signingSecret, columns } = newSecretColumns();
  const data = {
    ...toColumns(values, null),
    ...columns,
    ...inOrg(actor),
    createdById: actor.userId,
  };
  return db.$transaction(async (tx) => {
    await assertGoLiveAllowed(tx, actor.organizationId, null, data);
    const row = await tx.webhook.create({ data, select: { id: true, name: true } });
    await recordAudit(tx, actor, {
      action: "webhook.created",
      target: { type: "webhook", id: row.id, label: row.name },
    });
    return { id: row.id, signingSecret };
  });
}

/** Edit. Blank credential fields keep the stored credential of the same kind. */
export async function updateWebhook(actor: Actor, values: UpdateWebhookValues): Promise<Webhook> {
  assertCan(actor, "webhooks.write");
  const where = { id: values.id, ...inOrg(actor) };
  return db.$transaction(async (tx) => {
    const stored = await tx.webhook.findFirst({ where, select: auditedSelect });
    if (!stored) throw new NotFoundError("That webhook");
    const data = toColumns(values, stored);
    await assertGoLiveAllowed(tx, actor.organizationId, stored, data);
    // A new URL has not answered the echo check: it is unverified, and the old failure is moot.
    const reverify = data.url !== stored.url && { verifiedUrl: null, verificationError: null };
    const updated = await tx.webhook.update({
      where,
      data: { ...data, ...reverify },
      select: auditedSelect,
    });
    const changes = webhookChanges(stored, updated);
    if (changes.length) {
      await recordAudit(tx, actor, {
        action: "webhook.updated",
        target: { type: "webhook", id: updated.id, label: updated.name },
        changes,
      });
    }
    return toWebhook(updated);
  });
}

/** A copy with a new signing secret; it starts disabled so nothing is delivered twice. */
export async function duplicateWebhook(actor: Actor, id: string) {
  assertCan(actor, "webhooks.write");
  const source = await db.webhook.findFirst({ where: { id, ...inOrg(actor) } });
  if (!source) throw new NotFoundError("That webhook");
  const { signingSecret, columns } = newSecretColumns();
  const create = (tx: Prisma.TransactionClient) =>
    tx.webhook.create({
      data: {
        ...inOrg(actor),
        name: `${source.name} (copy)`.slice(0, 120),
        eventType: source.eventType,
        verb: source.verb,
        url: source.url,
        headers: source.headers ?? [],
        payloadFormat: source.payloadFormat,
        payloadTemplate: source.payloadTemplate,
        testMode: source.testMode,
        testEmails: source.testEmails,
        authType: source.authType,
        authUsername: source.authUsername,
        authHeaderName: source.authHeaderName,
        authCredentialsEnc: source.authCredentialsEnc,
        oauthTokenUrl: source.oauthTokenUrl,
        oauthClientId: source.oauthClientId,
        oauthScope: source.oauthScope,
        tlsClientCertPem: source.tlsClientCertPem,
        tlsClientKeyEnc: source.tlsClientKeyEnc,
        tlsClientCertSubject: source.tlsClientCertSubject,
        tlsClientCertExpiresAt: source.tlsClientCertExpiresAt,
        tlsCaPem: source.tlsCaPem,
        redactTokens: source.redactTokens,
        conditions: source.conditions ?? [],
        retryPolicy: source.retryPolicy,
        timeoutMs: source.timeoutMs,
        // Same URL, headers and credentials: the echo check it passed holds for the copy.
        verifiedUrl: source.verifiedUrl,
        verifiedAt: source.verifiedAt,
        thresholdSeconds: source.thresholdSeconds,
        enabled: false,
        createdById: actor.userId,
        ...columns,
      },
      select: { id: true, name: true },
    });
  return db.$transaction(async (tx) => {
    const row = await create(tx);
    await recordAudit(tx, actor, {
      action: "webhook.duplicated",
      target: { type: "webhook", id: row.id, label: row.name },
      changes: [{ field: "Copied from", from: null, to: source.name }],
    });
    return { id: row.id, signingSecret };
  });
}

/** Enable or disable delivery. */
export async function setWebhookEnabled(actor: Actor, id: string, enabled: boolean) {
  assertCan(actor, "webhooks.write");
  await updateInOrg(actor, id, { enabled, ...(enabled && HEALTH_RESET) }, (name) => ({
    action: enabled ? "webhook.enabled" : "webhook.disabled",
    target: { type: "webhook", id, label: name },
  }));
}

/** Delete a webhook for good. */
export async function deleteWebhook(actor: Actor, id: string) {
  assertCan(actor, "webhooks.write");
  try {
    await db.$transaction(async (tx) => {
      const { name, url } = await tx.webhook.delete({
        where: { id, ...inOrg(actor) },
        select: { name: true, url: true },
      });
      await recordAudit(tx, actor, {
        action: "webhook.deleted",
        target: { type: "webhook", id, label: name },
        changes: [{ field: "URL", from: url, to: null }],
      });
    });
  } catch (e) {
    throw notFoundOr(e);
  }
}

/** New signing secret, shown once; the previous one keeps signing for 24 hours. */
export async function rotateSigningSecret(actor: Actor, id: string) {
  assertCan(actor, "webhooks.write");
  const current = await db.webhook.findFirst({
    where: { id, ...inOrg(actor) },
    select: { signingSecretEnc: true },
  });
  if (!current) throw new NotFoundError("That webhook");
  const { signingSecret, columns } = newSecretColumns();
  await updateInOrg(
    actor,
    id,
    { ...columns, previousSigningSecretEnc: current.signingSecretEnc, secretRotatedAt: new Date() },
    (name) => ({
      action: "webhook.secret_rotated",
      target: { type: "webhook", id, label: name },
      changes: [{ field: "Signing secret", secret: true }],
    }),
  );
  return { signingSecret };
}

/**
 * Resolves a URL the way deliveries will and says whether the outbound guard would block it.
 * For editing webhooks only: the answer names the addresses host names resolve to, which is
 * nothing a read-only member needs.
 */
export async function checkWebhookUrl(actor: Actor, url: string) {
  assertCan(actor, "webhooks.write");
  if (!URL.canParse(url)) return { ok: true as const };
  const result = await checkUrlTarget(url, env().OUTBOUND_ALLOW_CIDRS);
  return result.ok ? { ok: true as const } : { ok: false as const, message: result.message };
}

/** Updates one webhook of the organization and records the audit entry `audit` describes. */
async function updateInOrg(
  actor: Actor,
  id: string,
  data: Prisma.WebhookUpdateInput,
  audit: (name: string) => AuditEntryInput,
) {
  try {
    await db.$transaction(async (tx) => {
      const { name } = await tx.webhook.update({
        where: { id, ...inOrg(actor) },
        data,
        select: { name: true },
      });
      await recordAudit(tx, actor, audit(name));
    });
  } catch (e) {
    throw notFoundOr(e);
  }
}

function notFoundOr(e: unknown) {
  return e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2025"
    ? new NotFoundError("That webhook")
    : e;
}
