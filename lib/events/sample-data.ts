import { getEventType, type EventTypeKey } from "@/lib/events/catalog";
import type { JsonValue } from "@/lib/events/event-data";

// Event data keyed by section then key; assignable to `EventData`.
export type SampleData = { [section: string]: { [key: string]: JsonValue } };

// Realistic event data for previews and Test sends, built from the catalog's sample values.
export function sampleData(eventTypeKey: EventTypeKey): SampleData {
  const data: SampleData = {};
  for (const section of getEventType(eventTypeKey).sections) {
    // structuredClone: the catalog is frozen and callers may want to edit their copy.
    data[section.key] = Object.fromEntries(
      section.tokens.map((t) => [t.key, structuredClone(t.sample)]),
    );
  }
  return data;
}
