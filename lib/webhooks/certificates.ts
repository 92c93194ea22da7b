import { createPrivateKey, X509Certificate, type KeyObject } from "node:crypto";
import { UserError } from "@/lib/errors";

// Reading the PEM an admin pastes for mTLS (client certificate and key) and for a custom CA,
// with messages that say what to fix. Runs on the server: browsers cannot parse X.509.

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** "CN=hooks.example.com, O=Example" rather than X509Certificate's one-per-line form. */
const subjectOf = (cert: X509Certificate) => cert.subject.split("\n").join(", ");

/** Every certificate in a PEM bundle; throws a UserError naming `what` when one is unreadable. */
export function parseCertificates(pem: string, what: string): X509Certificate[] {
  const blocks = pem.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) {
    throw new UserError(`${what}: no PEM certificate found (-----BEGIN CERTIFICATE-----).`);
  }
  return blocks.map((block, i) => {
    try {
      return new X509Certificate(block);
    } catch {
      throw new UserError(`${what}: certificate ${i + 1} is not a valid X.509 certificate.`);
    }
  });
}

/** The subjects of a CA bundle, for the audit log. */
export function describeCertificates(pem: string): string {
  try {
    return parseCertificates(pem, "CA").map(subjectOf).join("; ");
  } catch {
    return `${pem.length} characters of PEM`;
  }
}

function readPrivateKey(pem: string): KeyObject {
  try {
    return createPrivateKey(pem);
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new UserError(
      code === "ERR_MISSING_PASSPHRASE"
        ? "The private key is encrypted with a passphrase: export it without one (openssl pkey -in key.pem -out plain.pem)."
        : "The private key could not be read: paste the PEM private key (-----BEGIN PRIVATE KEY-----).",
    );
  }
}

/**
 * Checks an mTLS client certificate (the first of `certPem`, any others being its chain) and
 * its private key: both readable, the key matching, not expired at `now`.
 */
export function checkClientCertificate(
  certPem: string,
  keyPem: string,
  now: Date,
): { subject: string; expiresAt: Date } {
  const [leaf] = parseCertificates(certPem, "Client certificate");
  const key = readPrivateKey(keyPem);
  if (!leaf!.checkPrivateKey(key)) {
    throw new UserError("The private key does not belong to the client certificate.");
  }
  const expiresAt = new Date(leaf!.validTo);
  if (expiresAt <= now) {
    throw new UserError(
      `The client certificate expired on ${expiresAt.toISOString().slice(0, 10)}: upload a renewed one.`,
    );
  }
  return { subject: subjectOf(leaf!), expiresAt };
}
