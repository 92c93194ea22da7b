import "server-only";
import { isUtf8 } from "node:buffer";
import { randomUUID } from "node:crypto";
import { authenticateApiKey } from "@/lib/api-keys/service";
import { describeDatabaseError, isDatabaseUnavailable } from "@/lib/db/unavailable";
import { logger } from "@/lib/log";

// What POST /api/v1/events and POST /api/v1/events/batch share before they differ: the API
// key, the content type, a body read up to a limit, and JSON. Each failure is the answer.

/** One event's limit, alone or in a batch. */
export const MAX_EVENT_BYTES = 256 * 1024;
/** A batch: at most this many events, and this many bytes in all. */
export const MAX_BATCH_EVENTS = 100;
export const MAX_BATCH_BYTES = 5 * 1024 * 1024;

export const problem = (status: number, error: string, extra: object = {}, headers?: HeadersInit) =>
  Response.json({ error, ...extra }, { status, headers });

/** The caller's X-Request-Id when it is a plain token, else a new one: the logs carry it. */
export function requestIdOf(request: Request): string {
  const given = request.headers.get("x-request-id");
  return given && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
}

/** Seconds a client is asked to wait before retrying an event refused with 503. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * The answer when an event cannot be stored (the database is down or restarting): 503 with
 * Retry-After, nothing stored. Only infrastructure failures get here — no input causes it — so
 * an outage is logged in one line, anything else with its stack.
 */
export function unavailable(error: unknown, what: string, requestId: string): Response {
  const log = logger("ingest").child({ requestId });
  if (isDatabaseUnavailable(error))
    log.error(`${what}: the database is unavailable (${describeDatabaseError(error)})`);
  else log.error({ err: error }, what);
  return problem(
    503,
    `Events cannot be accepted right now. Retry in ${RETRY_AFTER_SECONDS} seconds.`,
    {},
    { "Retry-After": String(RETRY_AFTER_SECONDS) },
  );
}

/** What GET, PUT, PATCH and DELETE get on the ingest routes: JSON saying to POST, and Allow. */
export function onlyPost(request: Request): Response {
  return problem(
    405,
    `${request.method} is not supported here: send events with POST (Authorization: Bearer <key>, Content-Type: application/json).`,
    {},
    { Allow: "POST" },
  );
}

/**
 * Where the first byte that is not well-formed UTF-8 starts, or -1. Decoding would replace it
 * with U+FFFD, so two different ids (`x-\xff`, `x-\xfe`) would read as one.
 */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  if (isUtf8(bytes)) return -1;
  for (let i = 0; i < bytes.length;) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const length =
      lead >= 0xc2 && lead <= 0xdf
        ? 2
        : lead >= 0xe0 && lead <= 0xef
          ? 3
          : lead >= 0xf0 && lead <= 0xf4
            ? 4
            : 0;
    if (!length) return i;
    // The second byte's range excludes overlong forms, surrogates and code points past U+10FFFF.
    const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      if (next === undefined || next < (k === 1 ? low : 0x80) || next > (k === 1 ? high : 0xbf))
        return i;
    }
    i += length;
  }
  return -1;
}

/**
 * How much of a body past its limit is still read, and dropped, before answering 413: a client
 * still sending gets the answer, where stopping at once would reset its connection mid-upload.
 * Past this the connection is cut.
 */
const DRAIN_BYTES = 8 * 1024 * 1024;

/** Reads the body, keeping nothing past the limit (a lying Content-Length included). */
async function readCapped(request: Request, maxBytes: number): Promise<Buffer | null> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) return null;
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    size += value.byteLength;
    if (size > maxBytes) break;
    chunks.push(value);
  }
  for (let dropped = 0; dropped <= DRAIN_BYTES;) {
    const { done, value } = await reader.read();
    if (done) return null;
    dropped += value.byteLength;
  }
  await reader.cancel();
  return null;
}

const sizeLabel = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MiB` : `${bytes / 1024} KiB`;

/** The organization the API key belongs to and the parsed JSON body, or the error answer. */
export async function readJsonRequest(
  request: Request,
  maxBytes: number,
): Promise<{ organizationId: string; json: unknown } | Response> {
  const key = await authenticateApiKey(request.headers.get("authorization"));
  if (!key)
    return problem(
      401,
      "Missing or invalid API key. Send Authorization: Bearer <key> (Settings → API keys).",
    );
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(contentType)) {
    return problem(415, "The body must be JSON: send Content-Type: application/json.");
  }
  const bytes = await readCapped(request, maxBytes);
  if (bytes === null) return problem(413, `The body is larger than ${sizeLabel(maxBytes)}.`);
  const invalid = invalidUtf8Offset(bytes);
  if (invalid >= 0)
    return problem(
      400,
      `The body is not valid UTF-8: the byte at offset ${invalid} (0x${bytes[invalid]!.toString(16).padStart(2, "0")}) does not begin a well-formed character. Send JSON encoded as UTF-8.`,
    );
  const text = bytes.toString("utf8");
  try {
    return { organizationId: key.organizationId, json: JSON.parse(text) };
  } catch (e) {
    return problem(
      400,
      `The body is not valid JSON: ${e instanceof Error ? e.message : "parse error"}.`,
    );
  }
}
