import { getEventType, type EventTypeKey } from "@/lib/events/catalog";
import type { PayloadFormat } from "@/lib/payload/payload-format";

// A template with every token of the event type, grouped by section, in the chosen format:
// the "insert all" starting point of the payload editor. Whole-token JSON values keep their types.
export function fullPayloadTemplate(format: PayloadFormat, eventTypeKey: EventTypeKey): string {
  const type = getEventType(eventTypeKey);
  const token = (path: string) => `{{${path}}}`;
  switch (format) {
    case "JSON": {
      const body = Object.fromEntries(
        type.sections.map((s) => [
          s.key,
          Object.fromEntries(s.tokens.map((t) => [t.key, token(t.path)])),
        ]),
      );
      return JSON.stringify(body, null, 2);
    }
    case "XML": {
      const sections = type.sections.map((s) =>
        [
          `  <${s.key}>`,
          ...s.tokens.map((t) => `    <${t.key}>${token(t.path)}</${t.key}>`),
          `  </${s.key}>`,
        ].join("\n"),
      );
      return [
        '<?xml version="1.0" encoding="UTF-8"?>',
        `<event type="${type.key}">`,
        ...sections,
        "</event>",
      ].join("\n");
    }
    case "FORM":
      return type.tokens.map((t) => `${t.section}_${t.key}=${token(t.path)}`).join("\n");
    case "TEXT":
      return type.sections
        .map((s) => [s.label, ...s.tokens.map((t) => `${t.label}: ${token(t.path)}`)].join("\n"))
        .join("\n\n");
  }
}
