import { eventTypes, getEventType } from "@/lib/events/catalog";
import { templateTokenPaths } from "@/lib/events/catalog-meta";
import { parseFormTemplate } from "@/lib/payload/form-template";
import { parseJsonTemplate } from "@/lib/payload/json-template";
import type { PayloadFormat } from "@/lib/payload/payload-format";
import { PayloadTemplateError } from "@/lib/payload/payload-template-error";
import { suggestToken } from "@/lib/payload/suggest-token";
import { findMalformedTokens, findTokens } from "@/lib/payload/tokens";
import { xmlTemplateErrors } from "@/lib/payload/xml-template";

// A problem to show under the payload editor; start/end (exclusive) underline it when known.
export type TemplateIssue = { message: string; start?: number; end?: number };

// What to check: the template, its format, and the event type whose tokens it may use.
export type ValidateTemplateInput = { format: PayloadFormat; template: string; eventType: string };

// Every problem of a template, in text order: malformed or unknown tokens (with a "did you
// mean" suggestion) and malformed JSON/XML/form syntax. An empty template has none.
// Meta tokens ({{delivery.attempt}}, …) are known for every event type.
export function validateTemplate({
  format,
  template,
  eventType,
}: ValidateTemplateInput): TemplateIssue[] {
  const type = getEventType(eventType);
  if (!type) return [{ message: `Unknown event type "${eventType}".` }];
  const issues: TemplateIssue[] = [...syntaxIssues(format, template)];
  for (const m of findMalformedTokens(template)) {
    issues.push({
      message: `Malformed token ${m.text} — tokens look like {{section.key}}, e.g. {{chat.session_id}}.`,
      start: m.start,
      end: m.end,
    });
  }
  const known = templateTokenPaths(type.key);
  for (const token of findTokens(template)) {
    if (known.includes(token.path)) continue;
    const shown = `{{${token.path}}}`;
    const owners = eventTypes
      .filter((t) => t.tokens.some((x) => x.path === token.path))
      .map((t) => t.label);
    const suggestion = suggestToken(token.path, known);
    const hint = suggestion ? `did you mean {{${suggestion}}}?` : undefined;
    const message =
      owners.length > 0
        ? `${shown} isn't available for ${type.label} — it is sent with ${owners.join(", ")}.${hint ? ` Or ${hint}` : ""}`
        : hint
          ? `Unknown token ${shown} — ${hint}`
          : `Unknown token ${shown} for ${type.label}.`;
    issues.push({ message, start: token.start, end: token.end });
  }
  return issues.sort((a, b) => (a.start ?? Infinity) - (b.start ?? Infinity));
}

function syntaxIssues(format: PayloadFormat, template: string): TemplateIssue[] {
  if (format === "XML") return xmlTemplateErrors(template).map(toIssue);
  try {
    if (format === "JSON" && template.trim() !== "") parseJsonTemplate(template);
    if (format === "FORM") parseFormTemplate(template);
    return [];
  } catch (error) {
    if (error instanceof PayloadTemplateError) return [toIssue(error)];
    throw error;
  }
}

function toIssue(error: PayloadTemplateError): TemplateIssue {
  return error.location
    ? { message: error.message, start: error.location.start, end: error.location.end }
    : { message: error.message };
}
