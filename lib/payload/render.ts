import type { EventData } from "@/lib/events/event-data";
import { payloadContentTypes, type PayloadFormat } from "@/lib/payload/payload-format";
import { renderForm } from "@/lib/payload/render-form";
import { renderJson } from "@/lib/payload/render-json";
import { renderText } from "@/lib/payload/render-text";
import { renderXml } from "@/lib/payload/render-xml";

// Re-exported for callers that import the format type next to the renderer.
export type { PayloadFormat } from "@/lib/payload/payload-format";

// What to render: the webhook's format and template, and the event's data (section → key → value).
export type RenderPayloadInput = { format: PayloadFormat; template: string; data: EventData };

// A rendered request body and the Content-Type to send it with.
export type RenderedPayload = { body: string; contentType: string };

const renderers: Readonly<Record<PayloadFormat, (template: string, data: EventData) => string>> = {
  JSON: renderJson,
  XML: renderXml,
  FORM: renderForm,
  TEXT: renderText,
};

// Renders a webhook payload by format (never by pasting strings into JSON/XML/form text).
// Throws PayloadTemplateError when the template itself is malformed.
export function renderPayload({ format, template, data }: RenderPayloadInput): RenderedPayload {
  return { body: renderers[format](template, data), contentType: payloadContentTypes[format] };
}
