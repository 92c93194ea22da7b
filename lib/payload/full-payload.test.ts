import { XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { eventTypeKeys, getEventType } from "@/lib/events/catalog";
import { sampleData } from "@/lib/events/sample-data";
import {
  findTokens,
  fullPayloadTemplate,
  payloadFormats,
  renderPayload,
  validateTemplate,
} from "@/lib/payload";

describe("fullPayloadTemplate", () => {
  it.each(eventTypeKeys)("%s: every format holds every token, validates and renders", (key) => {
    const paths = getEventType(key).tokens.map((t) => t.path);
    for (const format of payloadFormats) {
      const template = fullPayloadTemplate(format, key);
      expect(findTokens(template).map((t) => t.path)).toEqual(paths);
      expect(validateTemplate({ format, template, eventType: key })).toEqual([]);
      expect(
        renderPayload({ format, template, data: sampleData(key) }).body.length,
      ).toBeGreaterThan(0);
    }
  });

  it("groups JSON by section and renders the samples with their types", () => {
    const template = fullPayloadTemplate("JSON", "chat.closed");
    expect(JSON.parse(template)).toMatchObject({
      customer: { country: "{{customer.country}}" },
      browser: { java_enabled: "{{browser.java_enabled}}" },
      chat: { transcript: "{{chat.transcript}}" },
    });
    expect(
      JSON.parse(renderPayload({ format: "JSON", template, data: sampleData("chat.closed") }).body),
    ).toEqual(sampleData("chat.closed"));
  });

  it("builds XML, FORM and TEXT in the documented shapes", () => {
    const xml = fullPayloadTemplate("XML", "chat.closed");
    expect(xml).toContain(
      '<event type="chat.closed">\n  <customer>\n    <country>{{customer.country}}</country>',
    );
    expect(
      XMLValidator.validate(
        renderPayload({ format: "XML", template: xml, data: sampleData("chat.closed") }).body,
      ),
    ).toBe(true);
    expect(fullPayloadTemplate("FORM", "chat.closed").split("\n")[0]).toBe(
      "customer_country={{customer.country}}",
    );
    const text = fullPayloadTemplate("TEXT", "chat.closed").split("\n");
    expect(text.slice(0, 2)).toEqual(["Customer Data", "Country: {{customer.country}}"]);
    expect(text).toContain("Customer chat transcript: {{chat.transcript}}");
  });
});
