import type { EventData, JsonValue } from "@/lib/events/event-data";
import { parseJsonTemplate, type JsonTemplateNode } from "@/lib/payload/json-template";
import { resolveToken, tokenText } from "@/lib/payload/resolve-token";
import { replaceTokens, wholeTokenPath } from "@/lib/payload/tokens";

// Renders a JSON template: parse first, then substitute tokens into the parsed values, so the
// body is valid JSON whatever the data holds. Throws PayloadTemplateError for a malformed template.
export function renderJson(template: string, data: EventData): string {
  if (template.trim() === "") return "";
  return JSON.stringify(substitute(parseJsonTemplate(template), data), null, 2);
}

function substitute(node: JsonTemplateNode, data: EventData): JsonValue {
  const text = (path: string) => tokenText(resolveToken(data, path));
  switch (node.kind) {
    case "token":
      return resolveToken(data, node.path) ?? null;
    case "string": {
      // A string that is exactly one token takes the value itself: number, object, array, null…
      const path = wholeTokenPath(node.value);
      return path === undefined
        ? replaceTokens(node.value, text)
        : (resolveToken(data, path) ?? null);
    }
    case "literal":
      return node.value;
    case "array":
      return node.items.map((item) => substitute(item, data));
    case "object":
      // Keys take tokens as text. Object.fromEntries defines own properties, so a
      // "__proto__" key stays a plain key, as with JSON.parse.
      return Object.fromEntries(
        node.entries.map(([key, value]) => [replaceTokens(key, text), substitute(value, data)]),
      );
  }
}
