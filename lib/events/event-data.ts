// A JSON value as it travels through the catalog, the event store and the renderer.
// Arrays and objects are readonly and object values may be `undefined`, so Prisma's
// `JsonValue` and plain `JSON.parse` results are both assignable to it.
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | JsonObject;

// A JSON object; `undefined` members are treated as absent.
export type JsonObject = { readonly [key: string]: JsonValue | undefined };

// The `data` of an event: section → key → value, e.g. `{ chat: { transcript: "…" } }`.
export type EventData = JsonObject;

// Narrows a JSON value to an array (Array.isArray alone widens readonly arrays to any[]).
export function isJsonArray(value: JsonValue | undefined): value is readonly JsonValue[] {
  return Array.isArray(value);
}

// Narrows a JSON value to a plain object.
export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
