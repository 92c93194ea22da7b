import { describe, expect, it } from "vitest";
import { eventTypeKeys, sectionKeys } from "@/lib/events/catalog";
import {
  metaSectionKeys,
  metaTokens,
  sampleMeta,
  templateTokenPaths,
  withMeta,
} from "@/lib/events/catalog-meta";
import { matchesTokenType } from "@/lib/events/matches-token-type";
import { resolveToken } from "@/lib/payload";

describe("meta tokens", () => {
  it("use section names no event section has, so event data and meta never share a section", () => {
    expect(metaSectionKeys.filter((k) => (sectionKeys as readonly string[]).includes(k))).toEqual(
      [],
    );
    expect(new Set(metaTokens.map((t) => t.section))).toEqual(new Set(metaSectionKeys));
  });

  it("are the documented eight, each resolving in the preview's meta to a value of its type", () => {
    expect(metaTokens.map((t) => t.path)).toEqual([
      "event.id",
      "event.type",
      "event.occurredAt",
      "delivery.id",
      "delivery.attempt",
      "webhook.id",
      "webhook.name",
      "organization.id",
    ]);
    const data = withMeta({}, sampleMeta("chat.opened", "CRM"));
    for (const token of metaTokens) {
      const value = resolveToken(data, token.path);
      expect(value, token.path).toBeDefined();
      expect(matchesTokenType(token.type, value!), token.path).toBe(true);
    }
    expect(resolveToken(data, "event.type")).toBe("chat.opened");
    expect(resolveToken(data, "webhook.name")).toBe("CRM");
  });

  it.each(eventTypeKeys)("are offered to %s after its own tokens", (key) => {
    const paths = templateTokenPaths(key);
    expect(paths.slice(-metaTokens.length)).toEqual(metaTokens.map((t) => t.path));
    expect(new Set(paths).size).toBe(paths.length);
  });

  it("win over a section of the same name in the event's data", () => {
    const spoofed = { chat: { id: "c1" }, event: { id: "spoof", extra: "x" }, delivery: 7 };
    const data = withMeta(spoofed, sampleMeta("chat.opened", "CRM"));
    expect(resolveToken(data, "event.id")).toBe(sampleMeta("x", "y").event.id);
    expect(resolveToken(data, "event.extra")).toBeUndefined();
    expect(resolveToken(data, "delivery.attempt")).toBe(1);
    expect(resolveToken(data, "chat.id")).toBe("c1");
  });
});
