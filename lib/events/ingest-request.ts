import "server-only";
import { authenticateApiKey } from "@/lib/api-keys/service";

// What POST /api/v1/events and POST /api/v1/events/batch share before they differ: the API
// key, the content type, a body read up to a limit, and JSON. Each failure is the answer.

/** One event's limit, alone or in a batch. */
export const MAX_EVENT_BYTES = 256 * 1024;
/** A batch: at most this many events, and this many bytes in all. */
export const MAX_BATCH_EVENTS = 100;
export const MAX_BATCH_BYTES = 5 * 1024 * 1024;

export const problem = (status: number, error: string, extra: object = {}) =>
  Response.json({ error, ...extra }, { status });

/** Reads the body, stopping as soon as it passes the limit (a lying Content-Length included). */
async function readCapped(request: Request, maxBytes: number): Promise<string | null> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
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
  const text = await readCapped(request, maxBytes);
  if (text === null) return problem(413, `The body is larger than ${sizeLabel(maxBytes)}.`);
  try {
    return { organizationId: key.organizationId, json: JSON.parse(text) };
  } catch (e) {
    return problem(
      400,
      `The body is not valid JSON: ${e instanceof Error ? e.message : "parse error"}.`,
    );
  }
}
