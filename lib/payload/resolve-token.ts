import { isJsonArray, isJsonObject, type EventData, type JsonValue } from "@/lib/events/event-data";

// The value at a token path in event data (`chat.transcript` → data.chat.transcript);
// array items by index (`chat.tags.0`); undefined when any step is missing.
export function resolveToken(data: EventData, path: string): JsonValue | undefined {
  let current: JsonValue | undefined = data;
  for (const segment of path.split(".")) {
    if (isJsonArray(current)) {
      current = /^\d+$/.test(segment) ? current[Number(segment)] : undefined;
    } else if (isJsonObject(current)) {
      // Own properties only: `{{chat.constructor}}` must not reach Object.prototype.
      current = Object.hasOwn(current, segment) ? current[segment] : undefined;
    } else {
      return undefined;
    }
  }
  return current;
}

// A token value as text inside a longer string: objects and arrays as compact JSON,
// null and missing values as the empty string.
export function tokenText(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}
