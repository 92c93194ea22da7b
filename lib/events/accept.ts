import "server-only";
import { dispatchIngested } from "@/lib/delivery/dispatch";
import type { EventBody } from "@/lib/events/event-body";
import { ingestEvent, ingestEvents, type IngestResult, type Source } from "@/lib/events/ingest";

// The one way in for an event: stored with its deliveries and timers (lib/events/ingest.ts),
// then handed to the delivery engine (lib/delivery/dispatch.ts) once committed. Callers use
// these, so none can store an event and forget to dispatch it — which would only delay it
// until the next poll or sweep, but silently. (Tests that want deliveries left pending call
// ingestEvent itself.)

/** Stores one event and dispatches what it made; a duplicate id stores and sends nothing. */
export async function acceptEvent(
  organizationId: string,
  body: EventBody,
  source: Source,
  only?: { webhookId: string },
): Promise<IngestResult> {
  const result = await ingestEvent(organizationId, body, source, only);
  await dispatchIngested(result);
  return result;
}

/** Stores several events, all or none, and dispatches what they made; results in order. */
export async function acceptEvents(
  organizationId: string,
  bodies: EventBody[],
  source: Source,
): Promise<IngestResult[]> {
  const results = await ingestEvents(organizationId, bodies, source);
  await dispatchIngested(...results);
  return results;
}
