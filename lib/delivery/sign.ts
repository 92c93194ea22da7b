import { Webhook } from "standardwebhooks";

// Standard Webhooks signing (CONVENTIONS.md §9): `webhook-signature` carries
// `v1,<base64 HMAC-SHA256 of id.timestamp.body>` under the webhook's `whsec_…` secret.

/** How long after a rotation the previous secret still signs, so receivers can switch over. */
export const SECRET_OVERLAP_MS = 24 * 60 * 60 * 1000;

export type SigningSecrets = {
  /** The current `whsec_…` secret. */
  secret: string;
  /** The secret before the last rotation, if any. */
  previousSecret?: string | null;
  /** When `secret` replaced `previousSecret`. */
  rotatedAt?: Date | null;
};

/**
 * The `webhook-signature` value for one request: `v1,<sig>`, or during the 24 h after a
 * rotation `v1,<new> v1,<old>` — the spec's space-separated list, so a receiver that still
 * holds the old secret keeps verifying until it is updated.
 */
export function signatureHeader(
  secrets: SigningSecrets,
  msgId: string,
  timestamp: Date,
  body: string,
  now: Date,
): string {
  const current = new Webhook(secrets.secret).sign(msgId, timestamp, body);
  const { previousSecret, rotatedAt } = secrets;
  if (!previousSecret || !rotatedAt) return current;
  // A rotation stamped slightly in the future (clock skew) counts as within the overlap.
  if (now.getTime() - rotatedAt.getTime() >= SECRET_OVERLAP_MS) return current;
  const previous = new Webhook(previousSecret).sign(msgId, timestamp, body);
  return `${current} ${previous}`;
}
