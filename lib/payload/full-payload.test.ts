import { XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { eventTypeKeys, getEventType, type EventTypeKey } from "@/lib/events/catalog";
import { sampleMeta, withMeta } from "@/lib/events/catalog-meta";
import { sampleData } from "@/lib/events/sample-data";
import {
  findTokens,
  fullPayloadTemplate,
  payloadFormats,
  payloadPresets,
  presetUnavailable,
  renderPayload,
  validateTemplate,
  type PayloadPreset,
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
      '<?xml version="1.0" encoding="UTF-8"?>\n<event>\n  <customer>\n    <country>{{customer.country}}</country>',
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

/** A preset's JSON template for a type, rendered as the preview renders it. */
function renderedPreset(preset: PayloadPreset, key: EventTypeKey) {
  const template = fullPayloadTemplate("JSON", key, preset);
  const data = withMeta(sampleData(key), sampleMeta(key, "CRM"));
  return JSON.parse(renderPayload({ format: "JSON", template, data }).body);
}

/** The shape of a JSON value: objects by key, arrays by their first item, leaves by type. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.length ? [shape(value[0])] : [];
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]));
  return typeof value;
}

describe("envelope presets", () => {
  it.each(eventTypeKeys)("%s: every JSON preset holds every token once and validates", (key) => {
    const paths = getEventType(key).tokens.map((t) => t.path);
    for (const preset of payloadPresets) {
      const template = fullPayloadTemplate("JSON", key, preset);
      const used = findTokens(template).map((t) => t.path);
      expect(used.filter((p) => paths.includes(p)).sort(), preset).toEqual([...paths].sort());
      expect(validateTemplate({ format: "JSON", template, eventType: key }), preset).toEqual([]);
    }
  });

  it("offers only Flat for plain text, saying why; every envelope in JSON, XML and Form", () => {
    for (const format of payloadFormats) {
      for (const preset of payloadPresets) {
        const reason = presetUnavailable(preset, format);
        expect(reason === undefined, `${preset} ${format}`).toBe(
          preset === "flat" || format !== "TEXT",
        );
        if (reason)
          expect(() => fullPayloadTemplate(format, "chat.closed", preset)).toThrow(reason);
        else
          expect(
            validateTemplate({
              format,
              template: fullPayloadTemplate(format, "chat.closed", preset),
              eventType: "chat.closed",
            }),
          ).toEqual([]);
      }
    }
  });

  it.each(eventTypeKeys)("%s: LiveChat style has the seed's top-level shape", (key) => {
    // Seed 001 (LiveChat), "Webhook data types": the example webhook payload
    //   { "event_type": "chat_started", "token": "…", "license_id": "1025707",
    //     "visitor": { "id": "S1354547427.0c151b0e1b", "name": "John", "email": "john.smith@gmail.com" } }
    // and the data-type samples: "chat": {…}, "visitor": {…}, "pre_chat_survey": [ … ], "ticket": {…}.
    // token and license_id are LiveChat API credentials, which a webhook here has no use for.
    const seedKinds: Record<string, string> = {
      event_type: "string",
      chat: "object",
      visitor: "object",
      pre_chat_survey: "array",
      ticket: "object",
    };
    const body = renderedPreset("livechat", key);
    expect(Object.keys(body)[0]).toBe("event_type");
    expect(body.event_type).toBe(key);
    // offline_message has no LiveChat data type: it keeps its own block.
    for (const k of Object.keys(body).filter((k) => k !== "offline_message")) {
      const kind = Array.isArray(body[k]) ? "array" : typeof body[k];
      expect(kind, k).toBe(seedKinds[k]);
    }
  });

  it("LiveChat style: the visitor and the survey look like the seed's samples", () => {
    // Seed 001, "visitor": { "id", "name", "email", "custom_variables": [ { "key", "value" } ] };
    // "pre_chat_survey": [ { "id", "type", "label", "answer" }, … ].
    const queued = renderedPreset("livechat", "visitor.queued");
    expect(shape(queued.visitor)).toMatchObject({
      id: "string",
      name: "string",
      email: "string",
      custom_variables: [{ key: "string", value: "string" }],
    });
    expect(shape(queued.pre_chat_survey)).toEqual([
      { id: "string", type: "string", label: "string", answer: "string" },
    ]);
    expect(Object.keys(renderedPreset("livechat", "chat.opened"))).toEqual([
      "event_type",
      "visitor",
      "chat",
    ]);
  });

  it.each(eventTypeKeys)("%s: LivePerson style has the seed's common header and data", (key) => {
    // Seed 004 (LivePerson), "Common Header": commonHeader { accountId, uid, schemaVersion,
    // eventTimestamp, eventType, webhookSubscriptionId } and data (varies by eventType).
    const body = renderedPreset("liveperson", key);
    expect(Object.keys(body)).toEqual(["commonHeader", "data"]);
    expect(Object.keys(body.commonHeader)).toEqual([
      "accountId",
      "uid",
      "schemaVersion",
      "eventTimestamp",
      "eventType",
      "webhookSubscriptionId",
    ]);
    expect(body.commonHeader.schemaVersion).toMatch(/^\d+-\d+-\d+$/); // "the format X-X-X"
    expect(body.commonHeader.eventType).toBe(key);
    expect(body.data).toEqual(sampleData(key));
  });

  it.each(eventTypeKeys)("%s: LiveSupporti style has the seed's shape", (key) => {
    // Seed 002 (LiveSupporti), "Chat started WebHook": Id (string), Attempt (number),
    // Properties (object), Notifications (array) — "the first element … the Data object",
    // whose first property is AccountId (string).
    const body = renderedPreset("livesupporti", key);
    expect(Object.keys(body)).toEqual(["Id", "Attempt", "Properties", "Notifications"]);
    expect(shape(body)).toMatchObject({
      Id: "string",
      Attempt: "number",
      Properties: {},
      Notifications: [{ Data: { AccountId: "string" } }],
    });
    expect(body.Attempt).toBe(1);
    expect(body.Notifications).toHaveLength(1);
    expect(body.Notifications[0].Data).toEqual({
      AccountId: sampleMeta(key, "CRM").organization.id,
      ...sampleData(key),
    });
  });
});
