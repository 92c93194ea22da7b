import { describeIssues, eventBodySchema, type EventBody } from "@/lib/events/event-body";
import { acceptEvents } from "@/lib/events/accept";
import { countIngested } from "@/lib/metrics/registry";
import {
  MAX_BATCH_BYTES,
  MAX_BATCH_EVENTS,
  MAX_EVENT_BYTES,
  onlyPost,
  problem,
  readJsonRequest,
  requestIdOf,
  unavailable,
} from "@/lib/events/ingest-request";
import { logger } from "@/lib/log";

export const dynamic = "force-dynamic";

export { onlyPost as GET, onlyPost as PUT, onlyPost as PATCH, onlyPost as DELETE };

type Result =
  | { index: number; eventId: string; deliveries: number; duplicate: boolean }
  | { index: number; error: string; issues?: { path: string; message: string }[] };

// POST /api/v1/events/batch — up to 100 events, each checked as POST /api/v1/events checks
// one. Every valid event is stored, with its deliveries, in one statement; an invalid one is
// answered beside the others and stops none of them. 207: read each result.
export async function POST(request: Request) {
  const requestId = requestIdOf(request);
  /** Valid events not yet stored: what an outage refuses. */
  let unstored: EventBody[] = [];
  try {
    const read = await readJsonRequest(request, MAX_BATCH_BYTES);
    if (read instanceof Response) return read;
    const events = (read.json as { events?: unknown } | null)?.events;
    if (!Array.isArray(events) || events.length === 0) {
      return problem(
        400,
        `The body must be {"events": [...]} with 1 to ${MAX_BATCH_EVENTS} events, each as POST /api/v1/events takes it.`,
      );
    }
    if (events.length > MAX_BATCH_EVENTS) {
      return problem(
        413,
        `A batch holds at most ${MAX_BATCH_EVENTS} events; this one has ${events.length}. Send the rest in another batch.`,
      );
    }

    const results: Result[] = [];
    const valid: { index: number; body: EventBody }[] = [];
    events.forEach((event: unknown, index) => {
      if (Buffer.byteLength(JSON.stringify(event) ?? "") > MAX_EVENT_BYTES) {
        results.push({ index, error: `The event is larger than ${MAX_EVENT_BYTES / 1024} KiB.` });
        return;
      }
      const parsed = eventBodySchema.safeParse(event);
      if (parsed.success) valid.push({ index, body: parsed.data });
      else
        results.push({
          index,
          error: "The event is not valid.",
          issues: describeIssues(parsed.error),
        });
    });

    countIngested("invalid", "invalid", results.length);
    if (valid.length > 0) {
      unstored = valid.map((v) => v.body);
      const ingested = await acceptEvents(read.organizationId, unstored, "api");
      unstored = [];
      ingested.forEach((r, n) => {
        countIngested(valid[n]!.body.type, r.duplicate ? "duplicate" : "accepted");
        results.push({
          index: valid[n]!.index,
          eventId: r.eventId,
          deliveries: r.deliveries.length,
          duplicate: r.duplicate,
        });
      });
    }
    logger("ingest").debug(
      {
        requestId,
        organizationId: read.organizationId,
        events: events.length,
        invalid: events.length - valid.length,
      },
      "batch answered",
    );
    results.sort((a, b) => a.index - b.index);
    return Response.json({ results }, { status: 207 });
  } catch (error) {
    for (const body of unstored) countIngested(body.type, "unavailable");
    return unavailable(error, "Batch ingest failed", requestId);
  }
}
