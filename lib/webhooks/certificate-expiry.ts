// When an mTLS client certificate needs attention; shared by pages and the table (no node:crypto).

import { plural } from "@/lib/format";

/** Days before expiry from which a client certificate is flagged. */
export const CERT_WARNING_DAYS = 14;

export type CertificateExpiry = "valid" | "expiring" | "expired";

/** Whether a client certificate expiring at `expiresAt` needs attention at `now`. */
export function certificateExpiry(expiresAt: Date, now: Date): CertificateExpiry {
  const left = expiresAt.getTime() - now.getTime();
  if (left <= 0) return "expired";
  return left <= CERT_WARNING_DAYS * 24 * 3600 * 1000 ? "expiring" : "valid";
}

const day = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

/** "Expires 3 May 2031", "Expires 3 May 2026 — in 9 days: upload a renewed certificate", … */
export function certificateExpiryText(expiresAt: Date, now: Date): string {
  const date = day.format(expiresAt);
  const state = certificateExpiry(expiresAt, now);
  if (state === "expired")
    return `Expired ${date}: deliveries fail until a renewed certificate is uploaded.`;
  if (state === "valid") return `Expires ${date}`;
  const days = Math.ceil((expiresAt.getTime() - now.getTime()) / (24 * 3600 * 1000));
  return `Expires ${date}, in ${plural(days, "day")}: upload a renewed certificate.`;
}
