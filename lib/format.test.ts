import { describe, expect, it } from "vitest";
import { fullTime, timeAgo, urlHost } from "@/lib/format";

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
});
