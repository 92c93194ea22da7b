import { describe, expect, it } from "vitest";
import {
  fromUtcInputValue,
  fullTime,
  plural,
  pluralNoun,
  timeAgo,
  toUtcInputValue,
  urlHost,
} from "@/lib/format";

describe("format", () => {
  it("writes full timestamps in UTC", () => {
    expect(fullTime("2026-11-22T14:05:09Z")).toBe("22 Nov 2026, 14:05:09 UTC");
  });
  it("writes relative times", () => {
    const now = Date.parse("2026-11-22T14:00:00Z");
    expect(timeAgo("2026-11-22T13:57:00Z", now)).toBe("3 minutes ago");
    expect(timeAgo("2026-11-21T14:00:00Z", now)).toBe("yesterday");
    expect(timeAgo("2026-11-22T14:00:00Z", now)).toBe("just now");
  });
  it("takes the host of a URL, or the text when it is not one", () => {
    expect(urlHost("https://a.example:8443/x?y")).toBe("a.example:8443");
    expect(urlHost("not a url")).toBe("not a url");
  });
  it("says counts with the right form of the noun", () => {
    expect(plural(1, "attempt")).toBe("1 attempt");
    expect(plural(2, "attempt")).toBe("2 attempts");
    expect(plural(0, "attempt")).toBe("0 attempts");
    expect(plural(1, "delivery", "deliveries")).toBe("1 delivery");
    expect(plural(3, "delivery", "deliveries")).toBe("3 deliveries");
    expect(plural(1200, "event")).toBe("1,200 events");
    expect(pluralNoun(1, "day")).toBe("day");
    expect(pluralNoun(7, "day")).toBe("days");
  });
  it("reads and writes datetime inputs in UTC, the zone times are shown in", () => {
    expect(toUtcInputValue("2026-11-22T14:05:09Z")).toBe("2026-11-22T14:05");
    expect(fromUtcInputValue("2026-11-22T14:05")).toBe("2026-11-22T14:05:00.000Z");
    expect(fromUtcInputValue("")).toBeNull();
    expect(fromUtcInputValue("not a date")).toBeNull();
  });
});
