import "server-only";
import { createHash } from "node:crypto";
import type { ErrorClass } from "@/generated/prisma/client";
import {
  guardedSend,
  type OutboundRequest,
  type SendOptions,
  type SendResult,
} from "@/lib/outbound/guarded-send";
import { MASK } from "@/lib/payload/request";
import { USER_AGENT } from "@/lib/product";

// OAuth2 client credentials (RFC 6749 §4.4) for deliveries: the access token is fetched
// through the guarded sender, kept in this process's memory until shortly before it expires,
// and sent as a Bearer token; a 401 from the receiver refreshes it once and resends.

export type OAuth2Client = {
  webhookId: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope: string | null;
  /** Changes whenever the stored credentials do (the encrypted secret, whose IV is fresh). */
  version: string;
};

export type TokenFailure = { errorClass: ErrorClass; message: string; retry: boolean };
type TokenResult = { ok: true; token: string } | { ok: false; failure: TokenFailure };

/** Used when the token endpoint gives no expires_in. */
const DEFAULT_LIFETIME_S = 3600;
/** A token is replaced this long before it expires (at most half its lifetime). */
const REFRESH_MARGIN_MS = 60_000;
const MAX_CACHED = 1000;
const MAX_MESSAGE = 300;

type Cached = { token: string; refreshAt: number };
const cache = new Map<string, Cached>();
// Concurrent attempts of one webhook (the worker claims batches) share one token request.
const pending = new Map<string, Promise<TokenResult>>();

const keyOf = (c: OAuth2Client) =>
  createHash("sha256")
    .update(JSON.stringify([c.webhookId, c.tokenUrl, c.clientId, c.scope, c.version]))
    .digest("base64url");

/**
 * Sends `request` with the client's access token as `Authorization: Bearer`; when the receiver
 * answers 401, fetches a new token and sends once more.
 */
export async function sendWithOAuth2(
  request: OutboundRequest,
  client: OAuth2Client,
  options: SendOptions,
  now: Date,
): Promise<{ result: SendResult } | { failure: TokenFailure }> {
  const first = await accessToken(client, options, now);
  if (!first.ok) return first;
  const result = await guardedSend(withBearer(request, first.token), options);
  if (result.kind !== "response" || result.status !== 401) return { result };
  forget(client, first.token);
  const second = await accessToken(client, options, now);
  if (!second.ok) return second;
  return { result: await guardedSend(withBearer(request, second.token), options) };
}

/** Drops every cached token (tests). */
export function clearOAuth2Tokens() {
  cache.clear();
  pending.clear();
}

function withBearer(request: OutboundRequest, token: string): OutboundRequest {
  const headers = request.headers.filter(([name]) => name.toLowerCase() !== "authorization");
  return { ...request, headers: [...headers, ["Authorization", `Bearer ${token}`]] };
}

/** Forgets `token` unless a newer one already replaced it. */
function forget(client: OAuth2Client, token: string) {
  const key = keyOf(client);
  if (cache.get(key)?.token === token) cache.delete(key);
}

async function accessToken(
  client: OAuth2Client,
  options: SendOptions,
  now: Date,
): Promise<TokenResult> {
  const key = keyOf(client);
  const cached = cache.get(key);
  if (cached && cached.refreshAt > now.getTime()) return { ok: true, token: cached.token };
  const inFlight = pending.get(key);
  if (inFlight) return inFlight;
  const request = fetchToken(client, options, now).then((result) => {
    if (result.ok) remember(key, result.token, result.refreshAt);
    return result;
  });
  pending.set(key, request);
  try {
    return await request;
  } finally {
    pending.delete(key);
  }
}

function remember(key: string, token: string, refreshAt: number) {
  cache.delete(key);
  cache.set(key, { token, refreshAt });
  if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
}

async function fetchToken(
  client: OAuth2Client,
  options: SendOptions,
  now: Date,
): Promise<(TokenResult & { ok: false }) | { ok: true; token: string; refreshAt: number }> {
  const body = new URLSearchParams({ grant_type: "client_credentials" });
  if (client.scope) body.set("scope", client.scope);
  // client_secret_basic, which RFC 6749 §2.3.1 requires every server to accept: both parts
  // form-encoded first.
  const basic = Buffer.from(
    `${formEncode(client.clientId)}:${formEncode(client.clientSecret)}`,
  ).toString("base64");
  const result = await guardedSend(
    {
      method: "POST",
      url: client.tokenUrl,
      headers: [
        ["Content-Type", "application/x-www-form-urlencoded"],
        ["Accept", "application/json"],
        ["User-Agent", USER_AGENT],
        ["Authorization", `Basic ${basic}`],
      ],
      body: body.toString(),
    },
    // The client certificate and CA belong to the webhook URL, not the token endpoint.
    { ...options, tls: undefined },
  );
  const fail = (errorClass: ErrorClass, message: string, retry = true) => ({
    ok: false as const,
    failure: { errorClass, message: scrub(message, client.clientSecret), retry },
  });
  const at = `The OAuth2 token endpoint ${client.tokenUrl}`;
  if (result.kind === "error") {
    const errorClass = result.errorClass.toUpperCase() as ErrorClass;
    return fail(
      errorClass,
      `${at} could not be reached: ${result.message}`,
      errorClass !== "BLOCKED",
    );
  }
  const json = parseJson(result.body);
  if (result.status < 200 || result.status >= 300) {
    const reason =
      typeof json?.error === "string"
        ? [json.error, json.error_description].filter((p) => typeof p === "string").join(": ")
        : result.body.trim();
    return fail(
      result.status < 500 ? "HTTP_4XX" : "HTTP_5XX",
      `${at} answered ${result.status}${reason ? `: ${reason}` : ""}`,
    );
  }
  const token = json?.access_token;
  const type = json?.token_type;
  if (
    typeof token !== "string" ||
    !token ||
    (typeof type === "string" && !/^bearer$/i.test(type))
  ) {
    return fail(
      "CONFIG",
      `${at} answered ${result.status} without a Bearer access_token (check the token URL)`,
      false,
    );
  }
  const seconds = Number(json?.expires_in);
  const lifetimeMs =
    (Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_LIFETIME_S) * 1000;
  const refreshAt = now.getTime() + lifetimeMs - Math.min(REFRESH_MARGIN_MS, lifetimeMs / 2);
  return { ok: true, token, refreshAt };
}

/** application/x-www-form-urlencoded, as RFC 6749 §2.3.1 wants it ("a b" → "a+b"). */
const formEncode = (value: string) => new URLSearchParams([["", value]]).toString().slice(1);

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Cuts the message and masks the client secret, should a token endpoint echo it. */
function scrub(message: string, secret: string): string {
  let text = message;
  for (const form of [secret, formEncode(secret)]) {
    if (form) text = text.replaceAll(form, MASK);
  }
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text;
}
