import "server-only";
import { randomBytes } from "node:crypto";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { decryptSecret } from "@/lib/crypto/secrets";
import { db } from "@/lib/db/client";
import { guardedSend } from "@/lib/outbound/guarded-send";
import { env } from "@/lib/env";
import { NotFoundError, UserError } from "@/lib/errors";
import { authHeaders } from "@/lib/payload/request";
import { USER_AGENT } from "@/lib/product";
import { ECHO_PARAM, echoFailure } from "@/lib/webhooks/echo-check";

// Endpoint verification (the LiveSupporti echo check): the result is stored on the webhook
// as the URL that passed, so a later change of URL leaves it unverified by itself.

/** Verification never waits longer than this (or the webhook's own, shorter timeout). */
export const VERIFY_TIMEOUT_MS = 5_000;

export type VerifyResult = { verified: true } | { verified: false; reason: string };

/**
 * Calls GET <url>?echo=<random> through the outbound guard with the webhook's custom headers,
 * authentication (OAuth2 excepted: no token is fetched for a check) and TLS settings, and
 * records the result and an audit entry.
 */
export async function verifyWebhookUrl(actor: Actor, id: string): Promise<VerifyResult> {
  assertCan(actor, "webhooks.write");
  const where = { id, organizationId: actor.organizationId };
  const w = await db.webhook.findFirst({ where });
  if (!w) throw new NotFoundError("That webhook");

  const value = randomBytes(24).toString("base64url");
  const url = new URL(w.url);
  url.searchParams.set(ECHO_PARAM, value);
  const credential = w.authCredentialsEnc ? decryptSecret(w.authCredentialsEnc) : undefined;
  const custom = (w.headers as { name: string; value: string }[]).filter((h) => h.name);
  const timeoutMs = Math.min(VERIFY_TIMEOUT_MS, w.timeoutMs);
  const result = await guardedSend(
    {
      method: "GET",
      url: url.toString(),
      headers: [
        ["User-Agent", USER_AGENT],
        ...custom.map((h): [string, string] => [h.name, h.value]),
        ...(w.authType === "OAUTH2" ? [] : authHeaders(w, credential)),
      ],
      body: null,
    },
    {
      timeoutMs,
      maxResponseBytes: 1024,
      allowCidrs: env().OUTBOUND_ALLOW_CIDRS,
      tls: {
        ...(w.tlsClientCertPem && {
          cert: w.tlsClientCertPem,
          key: w.tlsClientKeyEnc ? decryptSecret(w.tlsClientKeyEnc) : undefined,
        }),
        ...(w.tlsCaPem && { ca: w.tlsCaPem }),
      },
    },
  );
  const reason = echoFailure(result, value, timeoutMs);

  await db.$transaction(async (tx) => {
    // Only if the URL is still the one checked: an edit meanwhile makes this result stale.
    const { count } = await tx.webhook.updateMany({
      where: { ...where, url: w.url },
      data: reason
        ? { verifiedUrl: null, verifiedAt: null, verificationError: reason }
        : { verifiedUrl: w.url, verifiedAt: new Date(), verificationError: null },
    });
    if (count === 0) throw new UserError("The URL changed while it was being verified. Try again.");
    await recordAudit(tx, actor, {
      action: "webhook.verified",
      target: { type: "webhook", id, label: w.name },
      changes: [
        { field: "URL", from: null, to: w.url },
        { field: "Result", from: null, to: reason ? `Not verified — ${reason}` : "Verified" },
      ],
    });
  });
  return reason ? { verified: false, reason } : { verified: true };
}
