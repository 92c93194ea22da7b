import { isJsonArray, isJsonObject, type EventData, type JsonValue } from "@/lib/events/event-data";
import { resolveToken } from "@/lib/payload/resolve-token";

// Redaction: the values a webhook marks as private are replaced by REDACTED in what is stored
// (the attempt log, test e-mails), while live deliveries carry the real values.

export const REDACTED = "[redacted]";

/** A copy of the event data with the value at each token path replaced by REDACTED. */
export function redactData<T extends EventData>(data: T, paths: readonly string[]): T {
  if (paths.length === 0) return data;
  const copy = structuredClone(data);
  for (const path of paths) {
    const segments = path.split(".");
    const last = segments.pop()!;
    // resolveToken walks own properties only and returns the copy's own objects.
    const parent = segments.length ? resolveToken(copy, segments.join(".")) : copy;
    if (isJsonArray(parent) && /^\d+$/.test(last) && Number(last) < parent.length) {
      (parent as JsonValue[])[Number(last)] = REDACTED;
    } else if (isJsonObject(parent) && Object.hasOwn(parent, last)) {
      (parent as Record<string, JsonValue>)[last] = REDACTED;
    }
  }
  return copy;
}
