// Turns the errors of a failed outbound request into a class the retry logic acts on and a
// sentence an admin can act on ("connection refused: nothing is listening on port 9 of …").

export type FailureClass = "dns" | "connect" | "tls" | "timeout" | "blocked";
export type Failure = { errorClass: FailureClass; message: string };

/** What the sender knew when the request failed. */
export type FailureContext = {
  host: string;
  port: number;
  /** The address the connection was pinned to, when it differs from host. */
  address?: string;
  /** Where the whole-attempt timer found the request when it fired. */
  stage: "dns" | "response" | "body";
  timedOut: boolean;
  timeoutMs: number;
  connectTimeoutMs: number;
  /** The status already received, when the body was being read. */
  status?: number;
  /** An mTLS client certificate was presented (https:// only). */
  clientCertificate?: boolean;
};

type Details = { code: string; message: string; address?: string; port?: number };

/** A failed `dns.lookup` of `host`. */
export function describeDnsFailure(error: unknown, host: string): Failure {
  const { code } = details(error);
  const message =
    code === "ENOTFOUND"
      ? `DNS lookup failed: the host ${host} does not exist (check the URL for typos)`
      : code === "EAI_AGAIN"
        ? `DNS lookup of ${host} failed temporarily (the DNS server did not answer); a later attempt may succeed`
        : code === "ENODATA"
          ? `DNS lookup failed: ${host} has no IP address records`
          : `DNS lookup of ${host} failed (${code || details(error).message})`;
  return { errorClass: "dns", message };
}

/** A request that failed after its target was resolved and checked. */
export function describeSendFailure(error: unknown, context: FailureContext): Failure {
  const { host, timeoutMs } = context;
  const where = context.address && context.address !== host ? `${host} (${context.address})` : host;
  const limit = formatDuration(timeoutMs);

  if (context.timedOut) {
    const message =
      context.stage === "dns"
        ? `timed out: looking up ${host} in DNS took longer than the ${limit} limit`
        : context.stage === "body"
          ? `timed out: ${where} sent status ${context.status} but did not finish its response body within ${limit}`
          : `timed out: no response from ${where} within ${limit} (the receiver may be slow or overloaded, or a firewall may be dropping the connection)`;
    return { errorClass: "timeout", message };
  }

  const d = details(error);
  const port = d.port ?? context.port;
  const address = d.address ?? context.address;
  const at = `port ${port} of ${address && address !== host ? `${host} (${address})` : host}`;

  switch (d.code) {
    case "UND_ERR_CONNECT_TIMEOUT":
    case "ETIMEDOUT":
      return timeout(
        `timed out: could not connect to ${at} within ${formatDuration(context.connectTimeoutMs)} (the host may be down, or a firewall may be dropping the connection)`,
      );
    case "UND_ERR_HEADERS_TIMEOUT":
    case "UND_ERR_BODY_TIMEOUT":
      return timeout(`timed out: ${where} stopped sending its response`);
  }

  const tls = describeTls(d, where);
  if (tls) return { errorClass: "tls", message: tls };

  if (
    context.clientCertificate &&
    context.stage === "response" &&
    ["UND_ERR_SOCKET", "ECONNRESET"].includes(d.code)
  ) {
    // Servers that check the certificate after the handshake just hang up.
    return {
      errorClass: "tls",
      message: `${where} closed the connection without answering: it most likely refused the client certificate (mTLS). Check that it trusts the certificate's issuer`,
    };
  }

  switch (d.code) {
    case "ECONNREFUSED":
      return connect(`connection refused: nothing is listening on ${at}`);
    case "ECONNRESET":
      return connect(
        `connection reset: ${where} (or a proxy in between) dropped the connection before a complete response arrived`,
      );
    case "UND_ERR_SOCKET":
    case "EPIPE":
      return connect(`${where} closed the connection before sending a complete response`);
    case "EHOSTUNREACH":
      return connect(`no route to ${where}: the host is unreachable from this server`);
    case "ENETUNREACH":
      return connect(
        `the network of ${where} is unreachable from this server (for an IPv6 address: this server may have no IPv6 connectivity)`,
      );
    case "EADDRNOTAVAIL":
      return connect(`cannot connect to ${at}: the address is not available from this server`);
    case "UND_ERR_RES_CONTENT_LENGTH_MISMATCH":
      return connect(`${where} sent a response body that does not match its Content-Length`);
    case "UND_ERR_HEADERS_OVERFLOW":
      return connect(`${where} sent response headers that are too large`);
    case "UND_ERR_INVALID_ARG":
    case "UND_ERR_NOT_SUPPORTED":
    case "UND_ERR_REQ_CONTENT_LENGTH_MISMATCH":
    case "ERR_INVALID_HTTP_TOKEN":
    case "ERR_INVALID_CHAR":
      // Refused before anything was sent: the webhook's method or headers are malformed, and
      // retrying would not change that.
      return {
        errorClass: "blocked",
        message: `the request was not sent because it is malformed: ${d.message} (check the webhook's verb and headers)`,
      };
  }
  if (d.code.startsWith("HPE_")) {
    return connect(`${where} answered with something that is not valid HTTP (${d.message})`);
  }
  return connect(`the request to ${where} failed: ${d.message}${d.code ? ` (${d.code})` : ""}`);
}

const CERT_MESSAGES: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: "presents a self-signed certificate, which is not trusted",
  SELF_SIGNED_CERT_IN_CHAIN: "presents a certificate chain ending in an untrusted self-signed root",
  CERT_HAS_EXPIRED: "presents a certificate that has expired",
  CERT_NOT_YET_VALID: "presents a certificate that is not valid yet (check the server's clock)",
  ERR_TLS_CERT_ALTNAME_INVALID: "presents a certificate issued for a different host name",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    "presents a certificate that cannot be verified (the server may be missing its intermediate certificate)",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    "presents a certificate from an unknown authority (or is missing its intermediate certificate)",
  UNABLE_TO_GET_ISSUER_CERT: "presents a certificate whose issuer is unknown",
  CERT_REVOKED: "presents a revoked certificate",
  CERT_SIGNATURE_FAILURE: "presents a certificate with an invalid signature",
};

const ALERT_MESSAGES: Record<string, string> = {
  ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED:
    "requires a client certificate (mTLS), and this webhook has none",
  ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE:
    "refused the handshake (it may require a client certificate, or share no cipher with us)",
  ERR_SSL_TLSV1_ALERT_UNKNOWN_CA: "does not trust the issuer of the client certificate",
  ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE: "refused the client certificate",
  ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN: "refused the client certificate",
  ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED: "refused the client certificate as expired",
  ERR_SSL_TLSV1_ALERT_ACCESS_DENIED: "denied access to the client certificate",
};

function describeTls(d: Details, where: string): string | null {
  const alert = ALERT_MESSAGES[d.code];
  if (alert) return `TLS handshake with ${where} failed: the server ${alert} (${d.code})`;
  const cert = CERT_MESSAGES[d.code];
  if (cert) return `TLS certificate problem: ${where} ${cert} (${d.code})`;
  if (/wrong version number|packet length too long|http request/i.test(d.message)) {
    return `TLS handshake with ${where} failed: the server did not answer in TLS (is it a plain http:// server?)`;
  }
  if (/before secure TLS connection/i.test(d.message)) {
    return `TLS handshake with ${where} failed: the server closed the connection during the handshake`;
  }
  const tlsCode = /^(ERR_TLS_|ERR_SSL_|EPROTO$)/.test(d.code) || /_CERT|CERT_/.test(d.code);
  if (tlsCode || /\b(SSL|TLS)\b|certificate/i.test(d.message)) {
    return `TLS handshake with ${where} failed: ${d.message}`;
  }
  return null;
}

const timeout = (message: string): Failure => ({ errorClass: "timeout", message });
const connect = (message: string): Failure => ({ errorClass: "connect", message });

/** The most specific code and message in an error, its causes, and an AggregateError's parts. */
function details(error: unknown): Details {
  const chain: Record<string, unknown>[] = [];
  let current: unknown = error;
  for (let depth = 0; current && typeof current === "object" && depth < 5; depth++) {
    const e = current as Record<string, unknown>;
    chain.push(e);
    const inner = Array.isArray(e.errors) ? e.errors[0] : undefined;
    current = e.cause ?? inner;
  }
  const coded = chain.find((e) => typeof e.code === "string") ?? chain[0] ?? {};
  const withAddress = chain.find((e) => typeof e.address === "string");
  return {
    code: typeof coded.code === "string" ? coded.code : "",
    message: typeof coded.message === "string" ? coded.message : String(error),
    address: withAddress?.address as string | undefined,
    port: typeof withAddress?.port === "number" ? withAddress.port : undefined,
  };
}

/** "300 ms", "5 s", "1.5 s". */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Number((ms / 1000).toFixed(1))} s`;
}
