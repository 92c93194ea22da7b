import "server-only";
import { createHash } from "node:crypto";
import dns from "node:dns";
import net from "node:net";
import { Agent, request as undiciRequest } from "undici";
import {
  describeDnsFailure,
  describeSendFailure,
  type FailureContext,
} from "@/lib/outbound/outbound-errors";
import { checkAddress, parseAllowCidrs } from "@/lib/outbound/outbound-policy";
import { alertRecordingConnector, tlsAlertOf } from "@/lib/outbound/tls-alerts";

// The one door for outbound webhook requests (ARCHITECTURE.md, "Rules that keep it whole"):
// DNS resolved once, every address checked, the connection pinned to the checked addresses,
// redirects not followed, connect and whole-attempt timeouts, the response body read with a cap.

export type OutboundRequest = {
  method: string;
  url: string;
  headers: [string, string][];
  body: string | null;
};

export type SendOptions = {
  /** Limit for the whole attempt: DNS, connect, response headers and body. */
  timeoutMs: number;
  /** Limit for the TCP (and TLS) connection alone. Default 5000. */
  connectTimeoutMs?: number;
  /** Bytes of response body kept; the rest is never read. Default 20 480. */
  maxResponseBytes?: number;
  /** CIDRs let through although private or reserved (OUTBOUND_ALLOW_CIDRS). */
  allowCidrs?: string[];
  /** For https:// only: a client certificate (mTLS) and CAs trusted instead of the default store. */
  tls?: TlsOptions;
};

/** PEM texts, as node:tls takes them. */
export type TlsOptions = { cert?: string; key?: string; ca?: string };

export type SendResult =
  | {
      kind: "response";
      status: number;
      headers: [string, string][];
      body: string;
      truncated: boolean;
      durationMs: number;
    }
  | {
      kind: "error";
      errorClass: "dns" | "connect" | "tls" | "timeout" | "blocked";
      message: string;
      durationMs: number;
    };

type Target = { url: URL; host: string; port: number; addresses: string[] };
type Refusal = { ok: false; errorClass: "blocked" | "dns"; message: string };

const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
const DEFAULT_MAX_RESPONSE_BYTES = 20_480;
const FORM_CHECK_TIMEOUT_MS = 5_000;

/**
 * Sends one request through the guard. Network conditions never throw: they come back as
 * `kind: "error"` with a class and a plain-language message. Throws only on a malformed
 * allow-list, which is a server misconfiguration rather than something a retry can fix.
 */
export async function guardedSend(
  request: OutboundRequest,
  options: SendOptions,
): Promise<SendResult> {
  const started = performance.now();
  const durationMs = () => Math.round(performance.now() - started);
  const allowCidrs = options.allowCidrs ?? [];
  parseAllowCidrs(allowCidrs);
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  const context: FailureContext = {
    host: hostOf(request.url),
    port: 0,
    stage: "dns",
    timedOut: false,
    timeoutMs: options.timeoutMs,
    connectTimeoutMs,
  };
  try {
    const resolved = await resolveTarget(request.url, allowCidrs, controller.signal);
    if (!resolved.ok) return { kind: "error", ...withoutOk(resolved), durationMs: durationMs() };
    const { url, host, port, addresses } = resolved.target;
    Object.assign(context, {
      host,
      port,
      address: addresses[0],
      stage: "response",
      clientCertificate: url.protocol === "https:" && Boolean(options.tls?.cert),
    });

    const response = await undiciRequest(url, {
      method: request.method,
      headers: headersFor(request.headers, resolved.credentials),
      body: request.body ?? undefined,
      dispatcher: pinnedAgent(host, addresses, connectTimeoutMs, options.tls),
      signal: controller.signal,
    });
    Object.assign(context, { stage: "body", status: response.statusCode });
    const { body, truncated } = await readCapped(response.body, maxBytes);
    return {
      kind: "response",
      status: response.statusCode,
      headers: headerPairs(response.headers),
      body,
      truncated,
      durationMs: durationMs(),
    };
  } catch (error) {
    context.timedOut = controller.signal.aborted;
    const failure =
      context.stage === "dns" && !context.timedOut
        ? describeDnsFailure(error, context.host)
        : describeSendFailure(tlsAlertOf(error) ?? error, context);
    return { kind: "error", ...failure, durationMs: durationMs() };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Whether a webhook URL would be let through, for the form's warning: the same scheme, DNS
 * and address checks as guardedSend, without connecting.
 */
export async function checkUrlTarget(
  url: string,
  allowCidrs: string[],
): Promise<{ ok: true; addresses: string[] } | Refusal> {
  const signal = AbortSignal.timeout(FORM_CHECK_TIMEOUT_MS);
  const host = hostOf(url);
  try {
    const resolved = await resolveTarget(url, allowCidrs, signal);
    return resolved.ok ? { ok: true, addresses: resolved.target.addresses } : resolved;
  } catch (error) {
    const message = signal.aborted
      ? `DNS lookup of ${host} took longer than ${FORM_CHECK_TIMEOUT_MS / 1000} s`
      : describeDnsFailure(error, host).message;
    return { ok: false, errorClass: "dns", message };
  }
}

/**
 * Parses and checks the URL, resolving its host once. Returns a refusal for a blocked target;
 * throws the DNS error (or the abort) for the caller to classify.
 */
async function resolveTarget(
  rawUrl: string,
  allowCidrs: string[],
  signal: AbortSignal,
): Promise<{ ok: true; target: Target; credentials: string | null } | Refusal> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return blocked(`"${rawUrl}" is not a valid URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return blocked(`only http:// and https:// URLs can be called, not ${url.protocol}//`);
  }
  // user:password@ in the URL becomes a Basic Authorization header, as in curl and browsers,
  // and is never sent as part of the URL.
  const credentials =
    url.username || url.password
      ? `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`
      : null;
  url.username = "";
  url.password = "";
  url.hash = "";

  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const port = Number(url.port) || (url.protocol === "https:" ? 443 : 80);
  const addresses = net.isIP(host) ? [host] : await lookupAll(host, signal);
  for (const address of addresses) {
    const check = checkAddress(address, allowCidrs);
    if (!check.blocked) continue;
    const subject = address === host ? "" : `${host} resolves to ${address}, and `;
    return blocked(
      `blocked: ${subject}${check.reason}. Webhooks may only call addresses on the public internet.`,
    );
  }
  return { ok: true, target: { url, host, port, addresses }, credentials };
}

/** The URL's host for messages, before it is known to be valid. */
function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).hostname : url;
}

function blocked(message: string): Refusal {
  return { ok: false, errorClass: "blocked", message };
}

/** Every address of host, in resolver order, once. Rejects when DNS fails or signal aborts. */
async function lookupAll(host: string, signal: AbortSignal): Promise<string[]> {
  const lookup = dns.promises.lookup(host, { all: true });
  // getaddrinfo cannot be cancelled; the abort only stops us waiting for it.
  lookup.catch(() => {});
  const aborted = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
  aborted.catch(() => {});
  const found = await Promise.race([lookup, aborted]);
  const addresses = [...new Set(found.map((entry) => entry.address))];
  if (addresses.length === 0) {
    throw Object.assign(new Error(`no addresses for ${host}`), { code: "ENODATA" });
  }
  return addresses;
}

function headersFor(headers: [string, string][], credentials: string | null): string[] {
  const flat = headers.flat();
  const hasAuthorization = headers.some(([name]) => name.toLowerCase() === "authorization");
  if (credentials !== null && !hasAuthorization) {
    flat.push("Authorization", `Basic ${Buffer.from(credentials, "utf8").toString("base64")}`);
  }
  return flat;
}

function headerPairs(headers: Record<string, string | string[] | undefined>): [string, string][] {
  return Object.entries(headers).flatMap(([name, value]): [string, string][] =>
    value === undefined ? [] : (Array.isArray(value) ? value : [value]).map((v) => [name, v]),
  );
}

/**
 * Reads at most maxBytes of the body, then destroys the stream, which aborts the request and
 * closes its socket, so a huge response is never pulled into memory.
 */
async function readCapped(
  body: AsyncIterable<Buffer> & { destroy(): void },
  maxBytes: number,
): Promise<{ body: string; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  for await (const chunk of body) {
    if (size + chunk.length > maxBytes) {
      chunks.push(chunk.subarray(0, maxBytes - size));
      truncated = true;
      break;
    }
    chunks.push(chunk);
    size += chunk.length;
  }
  body.destroy();
  // With stream: true an incomplete character at the cut is held back instead of becoming "�".
  const text = new TextDecoder("utf-8").decode(Buffer.concat(chunks), { stream: truncated });
  return { body: text, truncated };
}

// One Agent per (host, checked addresses, connect timeout, TLS material): its lookup hands the connection
// only the addresses we checked, so a DNS answer that changes between the check and the
// connect (DNS rebinding) is never used. A small LRU keeps keep-alive reuse without leaking.
const MAX_AGENTS = 64;
const agents = new Map<string, Agent>();

function pinnedAgent(
  host: string,
  addresses: string[],
  connectTimeoutMs: number,
  tls: TlsOptions = {},
): Agent {
  // The TLS material enters the key as a digest: a changed certificate gets a new Agent, and
  // no PEM text is kept in the key.
  const tlsKey = createHash("sha256").update(JSON.stringify(tls)).digest("base64url");
  const key = JSON.stringify([host, addresses, connectTimeoutMs, tlsKey]);
  const cached = agents.get(key);
  if (cached) {
    agents.delete(key);
    agents.set(key, cached);
    return cached;
  }
  const agent = new Agent({
    connect: alertRecordingConnector({
      timeout: connectTimeoutMs,
      lookup: pinnedLookup(host, addresses),
      ...tls,
    }),
  });
  agents.set(key, agent);
  if (agents.size > MAX_AGENTS) {
    const [oldestKey, oldest] = agents.entries().next().value!;
    agents.delete(oldestKey);
    oldest.close().catch(() => {}); // lets requests in flight finish, then closes its sockets
  }
  return agent;
}

/** Closes the pooled connections (for shutdown and tests). */
export async function closeOutboundAgents(): Promise<void> {
  const all = [...agents.values()];
  agents.clear();
  await Promise.all(all.map((agent) => agent.close().catch(() => {})));
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | dns.LookupAddress[],
  family?: number,
) => void;

/** A `lookup` for net/tls.connect that answers only with the checked addresses of host. */
function pinnedLookup(host: string, addresses: string[]) {
  const entries = addresses.map((address) => ({ address, family: net.isIP(address) }));
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback) => {
    const family =
      options.family === "IPv4" ? 4 : options.family === "IPv6" ? 6 : Number(options.family ?? 0);
    const matching = entries.filter((e) => family === 0 || e.family === family);
    const first = matching[0];
    if (hostname.toLowerCase() !== host.toLowerCase() || !first) {
      const error: NodeJS.ErrnoException = new Error(
        `${hostname} is not the checked host ${host} (IPv${family || "4/6"})`,
      );
      error.code = "ENOTFOUND";
      callback(error, "", 0);
      return;
    }
    if (options.all) callback(null, matching);
    else callback(null, first.address, first.family);
  };
}

function withoutOk<T extends { ok: false }>({ ok, ...rest }: T): Omit<T, "ok"> {
  void ok;
  return rest;
}
