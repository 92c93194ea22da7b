import type { EventData } from "@/lib/events/event-data";
import { parseFormTemplate } from "@/lib/payload/form-template";
import { resolveToken, tokenText } from "@/lib/payload/resolve-token";
import { tokenRegExp } from "@/lib/payload/tokens";

// Renders a form template as application/x-www-form-urlencoded (spaces as +). The template is
// read as a form body with tokens: its literal text is percent-decoded (`+` is a space, `%26`
// a literal &), token values are taken raw, and every name and value is encoded once on output.
// Throws PayloadTemplateError for a malformed template.
export function renderForm(template: string, data: EventData): string {
  const fields = parseFormTemplate(template);
  const params = new URLSearchParams();
  for (const field of fields)
    params.append(renderPart(field.name, data), renderPart(field.value, data));
  return params.toString();
}

function renderPart(text: string, data: EventData): string {
  let out = "";
  let last = 0;
  for (const m of text.matchAll(tokenRegExp("g"))) {
    out += formDecode(text.slice(last, m.index)) + tokenText(resolveToken(data, m[1] ?? ""));
    last = m.index + m[0].length;
  }
  return out + formDecode(text.slice(last));
}

// The WHATWG form decoding of a literal (it holds no "&", the fields were split on it).
function formDecode(literal: string): string {
  if (literal === "") return "";
  return new URLSearchParams(`v=${literal}`).get("v") ?? "";
}
