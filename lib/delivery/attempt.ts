import "server-only";
import type { ErrorClass, Prisma } from "@/generated/prisma/client";
import { decryptSecret } from "@/lib/crypto/secrets";
import { db } from "@/lib/db/client";
import { guardedSend, type SendResult } from "@/lib/delivery/guarded-send";
import { sendMail } from "@/lib/delivery/mailer";
import { nextAttemptAt, parseRetryAfter } from "@/lib/delivery/schedule";
import { signatureHeader } from "@/lib/delivery/sign";
import { renderTestEmail } from "@/lib/delivery/test-email";
import { env } from "@/lib/env";
import { getEventType } from "@/lib/events/catalog";
import type { SampleData } from "@/lib/events/sample-data";
import { PayloadTemplateError } from "@/lib/payload";
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

/** The delivery with what signing and sending need — the only place secrets are selected. */
function loadForAttempt(id: string) {
  return db.delivery.findUnique({
    where: { id },
    select: {
      id: true,
      organizationId: true,
      webhookId: true,
      mode: true,
      createdAt: true,
      event: { select: { type: true, data: true } },
      webhook: {
        select: {
          name: true,
          eventType: true,
          verb: true,
          url: true,
          headers: true,
          payloadFormat: true,
          payloadTemplate: true,
          authType: true,
          authUsername: true,
          authHeaderName: true,
          authCredentialsEnc: true,
          signingSecretEnc: true,
          previousSigningSecretEnc: true,
          secretRotatedAt: true,
          enabled: true,
          testEmails: true,
          retryPolicy: true,
          timeoutMs: true,
        },
      },
    },
  });
}

type Loaded = NonNullable<Awaited<ReturnType<typeof loadForAttempt>>>;

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
      disableReason: `Disabled automatically on ${now.toISOString()}: the receiver answered 410 Gone.`,
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

function requestSpec(w: Loaded["webhook"]): RequestSpec {
  return { ...w, headers: (w.headers ?? []) as RequestSpec["headers"] };
}

/** Runs the next attempt of a delivery, unless it is already terminal. */
export async function attemptDelivery(
  deliveryId: string,
  clock: Clock = systemClock,
): Promise<AttemptResult> {
  // Claiming the number atomically keeps attempt numbers unique even if two jobs race; a job
  // that arrives before the next attempt is due does nothing. Two jobs overlapping on a due
  // delivery both send (at-least-once, the same webhook-id), and the first result to be
  // recorded as terminal wins (see record()).
  const now = clock.now();
  const claimed = await db.$queryRaw<{ attemptCount: number }[]>`
    UPDATE "Delivery" SET "attemptCount" = "attemptCount" + 1, "updatedAt" = ${now}
    WHERE id = ${deliveryId} AND status = 'PENDING' AND "nextAttemptAt" <= ${now}
    RETURNING "attemptCount"`;
  const number = claimed[0]?.attemptCount;
  if (number === undefined) {
    const pending = await db.delivery.findFirst({
      where: { id: deliveryId, status: "PENDING" },
      select: { nextAttemptAt: true },
    });
    return pending?.nextAttemptAt
      ? { status: "not_due", nextAttemptAt: pending.nextAttemptAt }
      : { status: "skipped" };
  }
  const delivery = await loadForAttempt(deliveryId);
  if (!delivery) return { status: "skipped" };

  const startedAt = clock.now();
  const { webhook } = delivery;
  const spec = requestSpec(webhook);
  const secret = decryptSecret(webhook.signingSecretEnc);
  const previousSecret = webhook.previousSigningSecretEnc
    ? decryptSecret(webhook.previousSigningSecretEnc)
    : null;
  let request: BuiltRequest;
  try {
    request = buildRequest(spec, delivery.event.data as SampleData, {
      credential: webhook.authCredentialsEnc
        ? decryptSecret(webhook.authCredentialsEnc)
        : undefined,
      deliveryId: delivery.id,
      timestamp: Math.floor(startedAt.getTime() / 1000),
      attempt: number,
      signature: (body) =>
        signatureHeader(
          { secret, previousSecret, rotatedAt: webhook.secretRotatedAt },
          delivery.id,
          startedAt,
          body,
          startedAt,
        ),
    });
  } catch (e) {
    const message =
      e instanceof PayloadTemplateError
        ? e.message
        : "The request could not be built from this webhook's settings.";
    const empty = { method: webhook.verb, url: webhook.url, headers: [], body: null };
    return record(delivery, number, startedAt, clock, empty, null, {
      outcome: "failed",
      errorClass: "CONFIG",
      errorMessage: message,
    });
  }
  const logged = { ...request, headers: maskCredentials(request.headers, spec) };

  if (!webhook.enabled) {
    return record(delivery, number, startedAt, clock, logged, null, {
      outcome: "failed",
      errorClass: "CONFIG",
      errorMessage: "The webhook was disabled before this delivery was sent.",
    });
  }

  if (delivery.mode === "TEST") {
    const email = renderTestEmail({
      eventTypeLabel: getEventType(delivery.event.type)?.label ?? delivery.event.type,
      webhookName: webhook.name,
      request: logged,
    });
    const sent = await sendMail({ to: webhook.testEmails, ...email });
    const decision: Decision =
      sent.status === "FAILED"
        ? {
            outcome: "retry",
            errorClass: "SMTP",
            errorMessage: `The test e-mail could not be sent: ${sent.response}`,
          }
        : { outcome: "succeeded" };
    const testEmail = {
      recipients: webhook.testEmails,
      subject: email.subject,
      textBody: email.text,
      htmlBody: email.html,
      status: sent.status,
      smtpResponse: sent.response,
    };
    return record(delivery, number, startedAt, clock, logged, null, decision, testEmail);
  }

  const result = await guardedSend(request, {
    timeoutMs: webhook.timeoutMs,
    maxResponseBytes: MAX_STORED_RESPONSE_BYTES,
    allowCidrs: env().OUTBOUND_ALLOW_CIDRS,
  });
  return record(
    delivery,
    number,
    startedAt,
    clock,
    logged,
    result,
    decideHttp(result, clock.now()),
  );
}

type TestEmailRow = Omit<
  Prisma.TestEmailUncheckedCreateInput,
  "organizationId" | "webhookId" | "deliveryId" | "attemptId"
>;

/** Records the attempt and moves the delivery to its next state, in one transaction. */
async function record(
  delivery: Loaded,
  number: number,
  startedAt: Date,
  clock: Clock,
  request: BuiltRequest,
  result: SendResult | null,
  decision: Decision,
  testEmail?: TestEmailRow,
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

  await db.$transaction(async (tx) => {
    const attempt = await tx.deliveryAttempt.create({
      data: {
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
        responseHeaders: response?.headers ?? undefined,
        responseBody: response?.body ?? null,
        responseBodyTruncated: response?.truncated ?? false,
        errorClass: decision.errorClass ?? null,
        errorMessage: decision.errorMessage ?? null,
        outcome,
      },
      select: { id: true },
    });
    if (testEmail) {
      await tx.testEmail.create({
        data: {
          ...testEmail,
          organizationId: delivery.organizationId,
          webhookId: delivery.webhookId,
          deliveryId: delivery.id,
          attemptId: attempt.id,
        },
      });
    }
    // Only a pending delivery moves: when two attempts overlap (a duplicated job), one that
    // finishes after the other made the delivery terminal must not reopen it.
    await tx.delivery.updateMany({
      where: { id: delivery.id, status: "PENDING" },
      data: {
        status: outcome === "retry" ? "PENDING" : outcome === "succeeded" ? "SUCCEEDED" : "FAILED",
        nextAttemptAt: outcome === "retry" ? next : null,
        leaseUntil: null,
        lastError: decision.errorMessage ?? null,
        completedAt: outcome === "retry" ? null : now,
      },
    });
    if (decision.disableReason) {
      await tx.webhook.update({
        where: { id: delivery.webhookId },
        data: { enabled: false, disabledReason: decision.disableReason },
      });
    }
  });
  return outcome === "retry"
    ? { status: "retry", attempt: number, nextAttemptAt: next! }
    : { status: outcome, attempt: number };
}
