import { PayloadTemplateError } from "@/lib/payload/payload-template-error";
import { findTokens } from "@/lib/payload/tokens";

// One `name=value` field of a form template, as template text (tokens not yet substituted).
export type FormTemplateField = { name: string; value: string; start: number; end: number };

const EDGE_SPACE = /^[ \t\r]+|[ \t\r]+$/g;

// Splits a form template into fields: one per line and/or `&`-separated (`a={{x}}&b=2`).
// Blank lines are skipped; spaces around names and values are trimmed. Separators inside a
// token are ignored. Throws PayloadTemplateError for a field without "=" or without a name.
export function parseFormTemplate(template: string): FormTemplateField[] {
  const tokens = findTokens(template);
  const fields: FormTemplateField[] = [];
  let from = 0;
  const push = (to: number) => {
    const raw = template.slice(from, to);
    const start = from + (raw.length - raw.trimStart().length);
    from = to + 1;
    if (raw.trim() === "") return;
    const eq = raw.indexOf("=");
    if (eq === -1) {
      throw new PayloadTemplateError(
        "FORM",
        `Expected name=value, found "${raw.trim()}".`,
        template,
        start,
        start + raw.trim().length,
      );
    }
    const name = raw.slice(0, eq).replace(EDGE_SPACE, "");
    if (name === "")
      throw new PayloadTemplateError(
        "FORM",
        "A field name is missing before '='.",
        template,
        start,
      );
    fields.push({
      name,
      value: raw.slice(eq + 1).replace(EDGE_SPACE, ""),
      start,
      end: start + raw.trim().length,
    });
  };
  let t = 0;
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c !== "\n" && c !== "&") continue;
    while (tokens[t] && (tokens[t]?.end ?? 0) <= i) t++;
    const token = tokens[t];
    if (token && token.start <= i && i < token.end) continue;
    push(i);
  }
  push(template.length);
  return fields;
}
