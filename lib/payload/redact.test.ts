import { describe, expect, it } from "vitest";
import { REDACTED, redactData } from "@/lib/payload/redact";

describe("redactData", () => {
  const data = {
    chat: { customer_email: "mary@example.com", transcript: [{ text: "hi" }], tags: ["a", "b"] },
    browser: { ip: "203.0.113.9", agent: "Firefox" },
  };

  it("masks the values at the given token paths, whatever their type, and leaves the rest", () => {
    const redacted = redactData(data, ["chat.customer_email", "chat.transcript", "browser.ip"]);
    expect(redacted).toEqual({
      chat: { customer_email: REDACTED, transcript: REDACTED, tags: ["a", "b"] },
      browser: { ip: REDACTED, agent: "Firefox" },
    });
  });

  it("does not change the data it is given", () => {
    redactData(data, ["chat.customer_email"]);
    expect(data.chat.customer_email).toBe("mary@example.com");
  });

  it("masks array items by index, and adds nothing for paths the event does not have", () => {
    expect(redactData(data, ["chat.tags.1", "chat.missing", "ticket.id", "chat.tags.9"])).toEqual({
      ...data,
      chat: { ...data.chat, tags: ["a", REDACTED] },
    });
  });

  it("never reaches Object.prototype", () => {
    const redacted = redactData(data, ["chat.constructor", "__proto__.polluted"]);
    expect(redacted).toEqual(data);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
