import { authenticateApiKey } from "@/lib/api-keys/service";
import { dispatchIngested } from "@/lib/delivery/dispatch";
import { describeIssues, eventBodySchema } from "@/lib/events/event-schema";
import { ingestEvent } from "@/lib/events/ingest";

export const dynamic = "force-dynamic";

/** Bodies above this are refused with 413. */
const MAX_BODY_BYTES = 256 * 1024;

const problem = (status: number, error: string, extra: object = {}) =>
  Response.json({ error, ...extra }, { status });

/** Reads the body, stopping as soon as it passes the limit (a lying Content-Length included). */
async function readCapped(request: Request): Promise<string | null> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

// POST /api/v1/events — a chat event in; one delivery per matching enabled webhook out.
export async function POST(request: Request) {
  try {
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
    const text = await readCapped(request);
    if (text === null) return problem(413, `The body is larger than ${MAX_BODY_BYTES / 1024} KiB.`);

    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      return problem(
        400,
        `The body is not valid JSON: ${e instanceof Error ? e.message : "parse error"}.`,
      );
    }
    const parsed = eventBodySchema.safeParse(json);
    if (!parsed.success) {
      return problem(400, "The event is not valid.", { issues: describeIssues(parsed.error) });
    }

    const result = await ingestEvent(key.organizationId, parsed.data, "api");
    if (result.duplicate)
      return Response.json({ eventId: result.eventId, duplicate: true }, { status: 200 });
    await dispatchIngested(result);
    return Response.json(
      { eventId: result.eventId, deliveries: result.deliveries.length },
      { status: 202 },
    );
  } catch (error) {
    // Only infrastructure failures get here (the database is down, …): no input causes it.
    console.error("Ingest failed:", error);
    return problem(503, "Events cannot be accepted right now. Retry shortly.");
  }
}
