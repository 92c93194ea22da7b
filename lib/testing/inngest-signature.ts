import { createHmac } from "node:crypto";

// Signs a request the way an Inngest server does (X-Inngest-Signature: t=<unix seconds>&s=<hex
// HMAC-SHA256 of body + t>, keyed with the signing key minus its `signkey-<env>-` prefix), for
// the tests that prove /api/inngest accepts only such requests. Written from the protocol, not
// borrowed from the SDK under test, so a test cannot agree with a bug in it.

/** JSON with object keys sorted at every level: the canonical form the SDK verifies. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The X-Inngest-Signature header for a body (canonical JSON, or "" for a GET). */
export function inngestSignature(body: string, signingKey: string, at = new Date()): string {
  const t = Math.floor(at.getTime() / 1000).toString();
  const key = signingKey.replace(/^signkey-\w+-/, "");
  const s = createHmac("sha256", key)
    .update(body + t)
    .digest("hex");
  return `t=${t}&s=${s}`;
}
