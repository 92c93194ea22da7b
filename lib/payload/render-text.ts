import type { EventData } from "@/lib/events/event-data";
import { resolveToken, tokenText } from "@/lib/payload/resolve-token";
import { replaceTokens } from "@/lib/payload/tokens";

// Renders a plain-text template: each token replaced by its value as text, nothing escaped.
export function renderText(template: string, data: EventData): string {
  return replaceTokens(template, (path) => tokenText(resolveToken(data, path)));
}
