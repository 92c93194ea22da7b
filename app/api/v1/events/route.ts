import { describeIssues, eventBodySchema } from "@/lib/events/event-body";
import { acceptEvent } from "@/lib/events/accept";
import { countIngested } from "@/lib/metrics/registry";
import {
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

// POST /api/v1/events — a chat event in; one delivery per matching enabled webhook out.
export async function POST(request: Request) {
  const requestId = requestIdOf(request);
  let type: string | undefined;
  try {
    const read = await readJsonRequest(request, MAX_EVENT_BYTES);
    if (read instanceof Response) return read;
    const parsed = eventBodySchema.safeParse(read.json);
    if (!parsed.success) {
      countIngested("invalid", "invalid");
      return problem(400, "The event is not valid.", { issues: describeIssues(parsed.error) });
    }
    type = parsed.data.type;

    const result = await acceptEvent(read.organizationId, parsed.data, "api");
    countIngested(type, result.duplicate ? "duplicate" : "accepted");
    logger("ingest").debug(
      {
        requestId,
        organizationId: read.organizationId,
        eventId: result.eventId,
        type,
        deliveries: result.deliveries.length,
      },
      result.duplicate ? "duplicate event: nothing stored" : "event accepted",
    );
    if (result.duplicate)
      return Response.json({ eventId: result.eventId, duplicate: true }, { status: 200 });
    return Response.json(
      { eventId: result.eventId, deliveries: result.deliveries.length },
      { status: 202 },
    );
  } catch (error) {
    if (type) countIngested(type, "unavailable");
    return unavailable(error, "Ingest failed", requestId);
  }
}
