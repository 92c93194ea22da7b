import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "@/lib/keyset";
import { testEmailFiltersSchema } from "@/lib/test-emails/schemas";

describe("the inbox cursor", () => {
  it("survives the URL: encode then decode gives the same time and id", () => {
    const cursor = { createdAt: new Date("2026-11-22T10:00:03.042Z"), id: "cmabc123xyz" };
    const encoded = encodeCursor(cursor);
    expect(encoded).toBe("2026-11-22T10:00:03.042Z_cmabc123xyz");
    expect(decodeCursor(encoded)).toEqual(cursor);
    expect(testEmailFiltersSchema.parse({ cursor: encoded })).toEqual({ cursor: encoded });
  });

  it("drops a hand-edited, malformed cursor or direction instead of failing the page", () => {
    expect(decodeCursor("yesterday_abc")).toBeNull();
    expect(decodeCursor("2026-13-45T99:99:99.000Z_abc")).toBeNull();
    expect(testEmailFiltersSchema.parse({ cursor: "x", dir: "sideways", webhook: "w1" })).toEqual({
      webhook: "w1",
    });
  });
});
