import { describe, expect, it } from "vitest";
import {
  findMalformedTokens,
  findTokens,
  replaceTokens,
  unknownTokens,
  wholeTokenPath,
} from "@/lib/payload/tokens";

describe("findTokens", () => {
  it("finds tokens with their offsets, allowing whitespace inside the braces", () => {
    const template = "Hi {{chat.customer_first_name}}, {{ customer.country }}\n{{\tchat.tags.0 }}";
    expect(findTokens(template)).toEqual([
      { path: "chat.customer_first_name", start: 3, end: 31 },
      { path: "customer.country", start: 33, end: 55 },
      { path: "chat.tags.0", start: 56, end: 73 },
    ]);
    for (const t of findTokens(template))
      expect(template.slice(t.start, t.end)).toMatch(/^\{\{.*\}\}$/s);
  });

  it("ignores text that isn't a token", () => {
    expect(findTokens("{{chat transcript}} {{}} {chat.id} {{chat.id}")).toEqual([]);
  });

  it("finds the token inside triple braces", () => {
    expect(findTokens("{{{chat.id}}}")).toEqual([{ path: "chat.id", start: 1, end: 12 }]);
  });
});

describe("wholeTokenPath", () => {
  it("recognises a string that is exactly one token", () => {
    expect(wholeTokenPath("{{chat.session_id}}")).toBe("chat.session_id");
    expect(wholeTokenPath("{{ chat.session_id }}")).toBe("chat.session_id");
    expect(wholeTokenPath(" {{chat.session_id}}")).toBeUndefined();
    expect(wholeTokenPath("{{a.b}}{{c.d}}")).toBeUndefined();
  });
});

describe("replaceTokens", () => {
  it("never rescans inserted text", () => {
    expect(replaceTokens("{{a.b}}-{{a.c}}", (p) => (p === "a.b" ? "{{a.c}}" : "C"))).toBe(
      "{{a.c}}-C",
    );
  });
});

describe("unknownTokens", () => {
  it("lists the tokens the event type doesn't offer", () => {
    const template = "{{chat.transcript}} {{chat.trasncript}} {{customer.country}}";
    expect(unknownTokens(template, "chat.closed").map((t) => t.path)).toEqual(["chat.trasncript"]);
    expect(unknownTokens(template, "chat.opened").map((t) => t.path)).toEqual([
      "chat.transcript",
      "chat.trasncript",
    ]);
    expect(unknownTokens(template, "no.such.type")).toHaveLength(3);
  });
});

describe("findMalformedTokens", () => {
  it("flags {{…}} that would be sent literally", () => {
    const template = "{{chat transcript}} {{chat.id}} {{ }} {{chat.window_id";
    expect(findMalformedTokens(template)).toEqual([
      { text: "{{chat transcript}}", start: 0, end: 19 },
      { text: "{{ }}", start: 32, end: 37 },
      { text: "{{chat.window_id", start: 38, end: 54 },
    ]);
    expect(findMalformedTokens('{{{chat.id}}} {"a":{"b":1}}')).toEqual([]);
  });
});
