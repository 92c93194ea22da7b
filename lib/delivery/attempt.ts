import "server-only";
import { randomUUID } from "node:crypto";
import type { ErrorClass, Prisma } from "@/generated/prisma/client";
import { decryptSecret } from "@/lib/crypto/secrets";
import { db } from "@/lib/db/client";
import { retryWhileUnavailable } from "@/lib/db/unavailable";
import { recordAudit } from "@/lib/audit/record";
import { logAttempt } from "@/lib/delivery/attempt-log";
import { claimDelivery, type ClaimedDelivery } from "@/lib/delivery/claim";
import { guardedSend, type SendOptions, type SendResult } from "@/lib/outbound/guarded-send";
import { sendWithOAuth2 } from "@/lib/outbound/oauth2";
import { sendMail } from "@/lib/outbound/mailer";
import { nextAttemptAt, parseRetryAfter } from "@/lib/delivery/schedule";
import { signatureHeader } from "@/lib/delivery/sign";
import { renderTestEmail } from "@/lib/test-emails/render";
import { env } from "@/lib/env";
import { fullTime } from "@/lib/format";
import { logger } from "@/lib/log";
import { metrics } from "@/lib/metrics/registry";
import { autoDisabled, recordTerminalFailure } from "@/lib/webhooks/health";
import { getEventType } from "@/lib/events/catalog";
import type { SampleData } from "@/lib/events/sample-data";
import { PayloadTemplateError } from "@/lib/payload";
import { redactData } from "@/lib/payload/redact";
import {
  buildRequest,
  maskCredentials,
  type BuiltRequest,
  type RequestSpec,
} from "@/lib/payload/request";

// One attempt of one delivery: load → render → sign → send (HTTP, or e-mail in Test mode) →
// record the attempt → next state. Both engines call only this; PostgreSQL holds the state,
// so a lost or duplicated job can neither lose a delivery nor attempt a terminal one.

export type AttemptResult =
  | { status: "skipped" }
  | { status: "not_due"; nextAttemptAt: Date }
  | { status: "succeeded" | "failed"; attempt: number }
  | { status: "retry"; attempt: number; nextAttemptAt: Date };

/** Response bodies are kept up to this size. */
export const MAX_STORED_RESPONSE_BYTES = 20_480;

export type Clock = { now(): Date };
const systemClock: Clock = { now: () => new Date() };

type Decision = {
  outcome: "succeeded" | "retry" | "failed";
  errorClass?: ErrorClass;
  errorMessage?: string;
  retryAfterMs?: number;
  disableReason?: string;
};

/** What an HTTP result means for the delivery. */
function decideHttp(result: SendResult, now: Date): Decision {
  if (result.kind === "error") {
    const errorClass = result.errorClass.toUpperCase() as ErrorClass;
    // A blocked address will not unblock itself between retries.
    return {
      outcome: errorClass === "BLOCKED" ? "failed" : "retry",
      errorClass,
      errorMessage: result.message,
    };
  }
  const { status } = result;
  if (status >= 200 && status < 300) return { outcome: "succeeded" };
  if (status === 410) {
    return {
      outcome: "failed",
      errorClass: "HTTP_4XX",
      errorMessage: "410 Gone: the receiver asked us to stop sending.",
      disableReason: `Disabled automatically on ${fullTime(now)}: the receiver answered 410 Gone.`,
    };
  }
  const header = (name: string) => result.headers.find(([n]) => n.toLowerCase() === name)?.[1];
  if (status >= 300 && status < 400) {
    return {
      outcome: "retry",
      errorClass: "REDIRECT",
      errorMessage: `${status} redirect to ${header("location") ?? "(no Location)"} — redirects are not followed; update the URL.`,
    };
  }
  const retryAfterMs =
    status === 429 || status === 503 ? parseRetryAfter(header("retry-after"), now) : undefined;
  return {
    outcome: "retry",
    errorClass: status < 500 ? "HTTP_4XX" : "HTTP_5XX",
    errorMessage: `The receiver answered ${status}.`,
    retryAfterMs,
  };
}

function requestSpec(w: ClaimedDelivery["webhook"]): RequestSpec {
  return { ...w, headers: (w.headers ?? []) as RequestSpec["headers"] };
}

/** Runs the next attempt of a delivery, unless it is already terminal or not yet due. */
export async function attemptDelivery(
  deliveryId: string,
  clock: Clock = systemClock,
): Promise<AttemptResult> {
  // A job that arrives before the next attempt is due does nothing. Two jobs overlapping on a
  // due delivery both send (at-least-once, the same webhook-id); the first result recorded as
  // terminal wins (see logAttempt).
  const delivery = await claimDelivery(deliveryId, clock.now());
  if (!delivery) {
    const pending = await db.delivery.findFirst({
      where: { id: deliveryId, status: "PENDING" },
      select: { nextAttemptAt: true },
    });
    return pending?.nextAttemptAt
      ? { status: "not_due", nextAttemptAt: pending.nextAttemptAt }
      : { status: "skipped" };
  }
  return attemptClaimed(delivery, clock);
}

// One attempt is a pipeline over one context: prepare (decrypt, render, sign, mask) →
// transport (HTTP, HTTP with OAuth2, or the Test e-mail) → decide (what the result means) →
// record (the attempt and the delivery's next state, one write path). Each step that fails
// ends the attempt with an Outcome, which record writes like any other.

/** What every step of one attempt shares. */
type Attempt = {
  delivery: ClaimedDelivery;
  /** This attempt's number (claimed atomically). */
  number: number;
  startedAt: Date;
  clock: Clock;
};

type Secrets = {
  secret: string;
  previousSecret: string | null;
  credential?: string;
  clientKey?: string;
};

/** The request to send, and what the log (and a Test e-mail) keeps of it. */
type Prepared = { request: BuiltRequest; logged: BuiltRequest; secrets: Secrets };

/** How an attempt ended, for record. */
type Outcome = {
  logged: BuiltRequest;
  result: SendResult | null;
  decision: Decision;
  testEmail?: TestEmailRow;
};

/** Runs an attempt already claimed (claimDelivery / claimDueDeliveries). */
export async function attemptClaimed(
  delivery: ClaimedDelivery,
  clock: Clock = systemClock,
): Promise<AttemptResult> {
  const attempt: Attempt = {
    delivery,
    number: delivery.attemptCount,
    startedAt: clock.now(),
    clock,
  };
  const prepared = prepare(attempt);
  if ("failed" in prepared) return record(attempt, prepared.failed);
  const { webhook } = delivery;
  if (!webhook.enabled) {
    return record(attempt, {
      logged: prepared.logged,
      result: null,
      decision: {
        outcome: "failed",
        errorClass: "CONFIG",
        errorMessage: "The webhook was disabled before this delivery was sent.",
      },
    });
  }
  const outcome =
    delivery.mode === "TEST"
      ? await sendTestEmail(attempt, prepared)
      : await sendHttp(attempt, prepared);
  return record(attempt, outcome);
}

/** A failure before anything is sent: nothing to log of the request but where it was going. */
function failedBeforeSending(webhook: ClaimedDelivery["webhook"], errorMessage: string): Outcome {
  return {
    logged: { method: webhook.verb, url: webhook.url, headers: [], body: null },
    result: null,
    decision: { outcome: "failed", errorClass: "CONFIG", errorMessage },
  };
}

/** Decrypts the webhook's secrets, renders and signs the request, and masks what is logged. */
function prepare({ delivery, number, startedAt }: Attempt): Prepared | { failed: Outcome } {
  const { webhook } = delivery;
  let secrets: Secrets;
  try {
    secrets = {
      secret: decryptSecret(webhook.signingSecretEnc),
      previousSecret: webhook.previousSigningSecretEnc
        ? decryptSecret(webhook.previousSigningSecretEnc)
        : null,
      credential: webhook.authCredentialsEnc
        ? decryptSecret(webhook.authCredentialsEnc)
        : undefined,
      clientKey: webhook.tlsClientKeyEnc ? decryptSecret(webhook.tlsClientKeyEnc) : undefined,
    };
  } catch {
    // Retrying cannot help: the key is wrong (e.g. processes started with different keys).
    return {
      failed: failedBeforeSending(
        webhook,
        "This webhook's secrets cannot be decrypted with the server's ENCRYPTION_KEY. Check that every app process uses the same key.",
      ),
    };
  }
  const spec = requestSpec(webhook);
  const data = delivery.event.data as SampleData;
  const options = {
    meta: {
      event: {
        id: delivery.event.id,
        type: delivery.event.type,
        occurredAt: delivery.event.occurredAt.toISOString(),
      },
      delivery: { id: delivery.id, attempt: number },
      webhook: { id: delivery.webhookId, name: webhook.name },
      organization: { id: delivery.organizationId },
    },
    timestamp: Math.floor(startedAt.getTime() / 1000),
  };
  try {
    const request = buildRequest(spec, data, {
      ...options,
      // The OAuth2 secret is not the Bearer token: sendWithOAuth2 puts the access token in.
      credential: webhook.authType === "OAUTH2" ? undefined : secrets.credential,
      signature: (body) =>
        signatureHeader(
          {
            secret: secrets.secret,
            previousSecret: secrets.previousSecret,
            rotatedAt: webhook.secretRotatedAt,
          },
          delivery.id,
          startedAt,
          body,
          startedAt,
        ),
    });
    const headers = maskCredentials(request.headers, spec);
    // What is stored (and e-mailed in Test mode): the same request with redacted values.
    if (!webhook.redactTokens.length) return { request, logged: { ...request, headers }, secrets };
    const signature = request.headers.find(([name]) => name === "webhook-signature")![1];
    const redacted = buildRequest(spec, redactData(data, webhook.redactTokens), {
      ...options,
      signature,
    });
    return { request, logged: { ...redacted, headers }, secrets };
  } catch (e) {
    return {
      failed: failedBeforeSending(
        webhook,
        e instanceof PayloadTemplateError
          ? e.message
          : "The request could not be built from this webhook's settings.",
      ),
    };
  }
}

/** Test mode: the request is e-mailed to the webhook's test addresses (and kept in the app). */
async function sendTestEmail({ delivery }: Attempt, { logged }: Prepared): Promise<Outcome> {
  const { webhook } = delivery;
  const email = renderTestEmail({
    eventTypeLabel: getEventType(delivery.event.type)?.label ?? delivery.event.type,
    webhookName: webhook.name,
    request: logged,
  });
  const sent = await sendMail({ to: webhook.testEmails, ...email });
  return {
    logged,
    result: null,
    decision:
      sent.status === "FAILED"
        ? {
            outcome: "retry",
            errorClass: "SMTP",
            errorMessage: `The test e-mail could not be sent: ${sent.response}`,
          }
        : { outcome: "succeeded" },
    testEmail: {
      recipients: webhook.testEmails,
      subject: email.subject,
      textBody: email.text,
      htmlBody: email.html,
      status: sent.status,
      smtpResponse: sent.response,
    },
  };
}

/** Live mode: the request over HTTP through the guarded sender, with OAuth2 when set. */
async function sendHttp(
  { delivery, clock }: Attempt,
  { request, logged, secrets }: Prepared,
): Promise<Outcome> {
  const { webhook } = delivery;
  const sendOptions: SendOptions = {
    timeoutMs: webhook.timeoutMs,
    maxResponseBytes: MAX_STORED_RESPONSE_BYTES,
    allowCidrs: env().OUTBOUND_ALLOW_CIDRS,
    tls: {
      ...(webhook.tlsClientCertPem && { cert: webhook.tlsClientCertPem, key: secrets.clientKey }),
      ...(webhook.tlsCaPem && { ca: webhook.tlsCaPem }),
    },
  };
  if (webhook.authType !== "OAUTH2") {
    const result = await guardedSend(request, sendOptions);
    return { logged, result, decision: decideHttp(result, clock.now()) };
  }
  const sent = await sendWithOAuth2(
    request,
    {
      webhookId: delivery.webhookId,
      tokenUrl: webhook.oauthTokenUrl ?? "",
      clientId: webhook.oauthClientId ?? "",
      clientSecret: secrets.credential ?? "",
      scope: webhook.oauthScope,
      version: webhook.authCredentialsEnc ?? "",
    },
    sendOptions,
    clock.now(),
  );
  if ("failure" in sent) {
    const { errorClass, message, retry } = sent.failure;
    return {
      logged,
      result: null,
      decision: { outcome: retry ? "retry" : "failed", errorClass, errorMessage: message },
    };
  }
  return { logged, result: sent.result, decision: decideHttp(sent.result, clock.now()) };
}

type TestEmailRow = Omit<
  Prisma.TestEmailUncheckedCreateInput,
  "organizationId" | "webhookId" | "deliveryId" | "attemptId"
>;

/**
 * How long an attempt's result waits for an unavailable database: well inside the lease
 * (60 s), so no other worker has taken the delivery again meanwhile.
 */
const RECORD_RETRY_MS = 30_000;

/** Records the attempt and moves the delivery to its next state, in one transaction. */
async function record(
  { delivery, number, startedAt, clock }: Attempt,
  { logged: request, result, decision, testEmail }: Outcome,
): Promise<AttemptResult> {
  const now = clock.now();
  const next =
    decision.outcome === "retry"
      ? nextAttemptAt({
          policy: delivery.webhook.retryPolicy,
          attemptNumber: number,
          firstAttemptAt: delivery.createdAt,
          now,
          retryAfterMs: decision.retryAfterMs,
        })
      : null;
  const outcome = decision.outcome === "retry" && !next ? "failed" : decision.outcome;
  const response = result?.kind === "response" ? result : null;

  const status = outcome === "retry" ? "PENDING" : outcome === "succeeded" ? "SUCCEEDED" : "FAILED";
  const attempt = {
    id: randomUUID(),
    deliveryId: delivery.id,
    organizationId: delivery.organizationId,
    webhookId: delivery.webhookId,
    number,
    startedAt,
    durationMs: result?.durationMs ?? now.getTime() - startedAt.getTime(),
    requestMethod: request.method,
    requestUrl: request.url,
    requestHeaders: request.headers,
    requestBody: request.body ?? "",
    responseStatus: response?.status ?? null,
    // Receivers may answer anything; PostgreSQL text cannot hold NUL.
    responseHeaders: response?.headers.map(([n, v]): [string, string] => [n, stripNul(v)]) ?? null,
    responseBody: response ? stripNul(response.body) : null,
    responseBodyTruncated: response?.truncated ?? false,
    errorClass: decision.errorClass ?? null,
    errorMessage: decision.errorMessage ?? null,
    outcome,
    createdAt: now,
  };
  const delivered = {
    live: delivery.mode === "LIVE",
    status,
    nextAttemptAt: outcome === "retry" ? next : null,
    lastError: decision.errorMessage ?? null,
    completedAt: outcome === "retry" ? null : now,
  } as const;

  const store = async () => {
    if (!testEmail && !decision.disableReason) {
      // The hot path: batched with other attempts finishing now, one statement each batch.
      await logAttempt({ attempt, delivery: delivered });
    } else {
      await db.$transaction(async (tx) => {
        const row = await tx.deliveryAttempt.create({
          data: { ...attempt, responseHeaders: attempt.responseHeaders ?? undefined },
          select: { id: true },
        });
        if (testEmail) {
          await tx.testEmail.create({
            data: {
              ...testEmail,
              organizationId: delivery.organizationId,
              webhookId: delivery.webhookId,
              deliveryId: delivery.id,
              attemptId: row.id,
            },
          });
        }
        await tx.delivery.updateMany({
          where: { id: delivery.id, status: "PENDING" },
          data: {
            status: delivered.status,
            nextAttemptAt: delivered.nextAttemptAt,
            lastError: delivered.lastError,
            completedAt: delivered.completedAt,
            leaseUntil: null,
            lastResponseStatus: attempt.responseStatus,
            lastDurationMs: attempt.durationMs,
            lastAttemptAt: attempt.startedAt,
          },
        });
        if (decision.disableReason) {
          await tx.webhook.update({
            where: { id: delivery.webhookId },
            data: { enabled: false, disabledReason: decision.disableReason },
          });
          await recordAudit(
            tx,
            { organizationId: delivery.organizationId, system: true },
            autoDisabled(delivery.webhookId, delivery.webhook.name, decision.disableReason),
          );
        }
      });
    }
  };

  // The request went out: what came of it is kept through a short database outage rather than
  // sent again once the lease ends. A write that committed but whose answer was lost fails on
  // the attempt's fixed id when repeated: never written twice.
  await retryWhileUnavailable(() => store(), RECORD_RETRY_MS);
  const labels = { mode: delivered.live ? "live" : "test", outcome };
  metrics().attempts.inc({ ...labels, error_class: decision.errorClass ?? "none" });
  metrics().attemptDuration.observe(labels, attempt.durationMs / 1000);
  // Ids, status and timing only: never the URL (it may carry a token), a header or a body.
  const fields = {
    organizationId: delivery.organizationId,
    webhookId: delivery.webhookId,
    eventId: delivery.event.id,
    deliveryId: delivery.id,
    attempt: number,
    mode: labels.mode,
    outcome,
    status: attempt.responseStatus,
    durationMs: attempt.durationMs,
    errorClass: attempt.errorClass,
  };
  const log = logger("delivery");
  if (outcome === "succeeded") log.debug(fields, "delivered");
  else if (outcome === "retry")
    log.info(fields, `attempt failed (${decision.errorMessage}); retrying`);
  else log.warn(fields, `delivery failed for good: ${decision.errorMessage}`);
  if (outcome === "failed" && delivered.live && !decision.disableReason) {
    await recordTerminalFailure(delivery.webhookId, now);
  }
  return outcome === "retry"
    ? { status: "retry", attempt: number, nextAttemptAt: next! }
    : { status: outcome, attempt: number };
}

const stripNul = (text: string) => text.replaceAll("\u0000", "");
