import { getEventType, type Token } from "@/lib/events/catalog";
import type { EventData } from "@/lib/events/event-data";

// Meta tokens: what a template can say about the delivery itself — the event, the delivery and
// its attempt, the webhook and the organization — offered by every event type in every format.
// They are not event data: the renderer lays them over the event's data (meta wins, so a
// chat event carrying its own `delivery` or `event` object cannot spoof them).

// The first segments of meta token paths; none is a catalog section key (a test checks it).
export const metaSectionKeys = ["event", "delivery", "webhook", "organization"] as const;

// One of `metaSectionKeys`.
export type MetaSectionKey = (typeof metaSectionKeys)[number];

// The meta values of one delivery (or of the preview), shaped as their token paths.
export type PayloadMeta = {
  event: { id: string; type: string; occurredAt: string };
  delivery: { id: string; attempt: number };
  webhook: { id: string; name: string };
  organization: { id: string };
};

// The preview's values; `event.type` and `webhook.name` come from the form (see sampleMeta).
const SAMPLE: PayloadMeta = {
  event: {
    id: "0b7e4d2a-5c1f-4e8a-9d36-7f2c1a8b9e40",
    type: "chat.closed",
    occurredAt: "2024-05-14T14:05:44.000Z",
  },
  delivery: { id: "6f1c9a3e-2b8d-4c57-a0e4-93d15b7f2c68", attempt: 1 },
  webhook: { id: "c1a8f3e2-7d4b-4e9a-b6c0-5f2d8e1a3b79", name: "Chat Closed → crm.example.com" },
  organization: { id: "4e2a9c7b-1f3d-4b8e-a5c6-0d9e7f1b2a38" },
};

const meta = <S extends MetaSectionKey>(
  section: S,
  key: keyof PayloadMeta[S] & string,
  label: string,
  type: Token["type"],
): Token => {
  const sample = (SAMPLE[section] as Record<string, string | number>)[key]!;
  return { section, key, path: `${section}.${key}`, label, type, sample };
};

// Every meta token, in palette order.
export const metaTokens: readonly Token[] = Object.freeze([
  meta("event", "id", "Event ID", "string"),
  meta("event", "type", "Event type", "string"),
  meta("event", "occurredAt", "Event time (ISO 8601)", "datetime"),
  meta("delivery", "id", "Delivery ID (webhook-id header)", "string"),
  meta("delivery", "attempt", "Attempt number (1, 2, …)", "number"),
  meta("webhook", "id", "Webhook ID", "string"),
  meta("webhook", "name", "Webhook name", "string"),
  meta("organization", "id", "Organization ID", "string"),
]);

// The palette group that lists the meta tokens, after the event type's own sections.
export const metaTokenGroup = { key: "meta", label: "Delivery", tokens: metaTokens } as const;

// Every token path a template of this event type may use: its own tokens and the meta tokens.
export function templateTokenPaths(eventTypeKey: string): string[] {
  const own = getEventType(eventTypeKey)?.tokens ?? [];
  return [...own, ...metaTokens].map((t) => t.path);
}

// Meta values for the live preview: the samples, with the form's event type and webhook name.
export function sampleMeta(eventType: string, webhookName: string): PayloadMeta {
  return {
    ...SAMPLE,
    event: { ...SAMPLE.event, type: eventType },
    webhook: { ...SAMPLE.webhook, name: webhookName },
  };
}

// The data a template renders with: the event's data with the meta sections laid over it.
export function withMeta(data: EventData, values: PayloadMeta): EventData {
  return { ...data, ...values };
}
