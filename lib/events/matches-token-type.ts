import { isJsonArray, isJsonObject, type JsonValue } from "@/lib/events/event-data";

// The value types a token can declare in the catalog.
export const tokenTypes = [
  "string",
  "number",
  "boolean",
  "datetime",
  "url",
  "email",
  "ip",
  "object",
  "array",
] as const;

// One of `tokenTypes`.
export type TokenType = (typeof tokenTypes)[number];

// ISO-8601 date-time with seconds and an explicit zone (what the platform sends).
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

// True when `value` is a valid value for a token of type `type` (used by tests and ingest).
export function matchesTokenType(type: TokenType, value: JsonValue | undefined): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "boolean":
      return typeof value === "boolean";
    case "datetime":
      return (
        typeof value === "string" && ISO_DATETIME.test(value) && !Number.isNaN(Date.parse(value))
      );
    case "url":
      return typeof value === "string" && isHttpUrl(value);
    case "email":
      return typeof value === "string" && EMAIL.test(value);
    case "ip":
      return typeof value === "string" && (IPV4.test(value) || isIpv6(value));
    case "object":
      return isJsonObject(value);
    case "array":
      return isJsonArray(value);
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

// Why the URL parser: it validates IPv6 literals in browsers and Node alike, without node:net.
function isIpv6(value: string): boolean {
  if (!value.includes(":") || !/^[0-9a-fA-F:.]+$/.test(value)) return false;
  try {
    new URL(`http://[${value}]/`);
    return true;
  } catch {
    return false;
  }
}
