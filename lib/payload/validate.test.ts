import { describe, expect, it } from "vitest";
import { validateTemplate } from "@/lib/payload";

const check = (
  format: "JSON" | "XML" | "FORM" | "TEXT",
  template: string,
  eventType = "chat.closed",
) => validateTemplate({ format, template, eventType });

describe("validateTemplate", () => {
  it("accepts an empty template and valid ones", () => {
    for (const format of ["JSON", "XML", "FORM", "TEXT"] as const)
      expect(check(format, "")).toEqual([]);
    expect(check("JSON", '{"t": {{chat.transcript}}, "c": "{{customer.country}}"}')).toEqual([]);
    expect(check("XML", '<r a="{{chat.session_id}}">{{chat.transcript}}</r>')).toEqual([]);
    expect(check("FORM", "t={{chat.transcript}}&c={{customer.country}}")).toEqual([]);
  });

  it("names a misspelt token and suggests the right one, with its range", () => {
    const template = '{"t": "{{chat.trasncript}}"}';
    expect(check("JSON", template)).toEqual([
      {
        message: "Unknown token {{chat.trasncript}} — did you mean {{chat.transcript}}?",
        start: 7,
        end: 26,
      },
    ]);
    expect(check("TEXT", "{{customer.ip_adress}}")[0]?.message).toBe(
      "Unknown token {{customer.ip_adress}} — did you mean {{customer.ip_address}}?",
    );
    expect(check("TEXT", "{{ticket.country}}")[0]?.message).toBe(
      "Unknown token {{ticket.country}} — did you mean {{customer.country}}?",
    );
    expect(check("TEXT", "{{visitor.country}}")[0]?.message).toBe(
      "{{visitor.country}} isn't available for Chat Closed — it is sent with Visitor Queued. Or did you mean {{customer.country}}?",
    );
    expect(check("TEXT", "{{chat.banana}}")[0]?.message).toBe(
      "Unknown token {{chat.banana}} for Chat Closed.",
    );
  });

  it("says which event types offer a token this one doesn't", () => {
    expect(check("TEXT", "{{chat.transcript}}", "chat.opened")).toEqual([
      {
        message:
          "{{chat.transcript}} isn't available for Chat Opened — it is sent with Chat Closed.",
        start: 0,
        end: 19,
      },
    ]);
  });

  it("flags malformed tokens", () => {
    expect(check("TEXT", "x {{chat transcript}}")).toEqual([
      {
        message:
          "Malformed token {{chat transcript}} — tokens look like {{section.key}}, e.g. {{chat.session_id}}.",
        start: 2,
        end: 21,
      },
    ]);
  });

  it("reports malformed JSON, XML and form templates with line and column", () => {
    const [json] = check("JSON", '{\n  "a": 1,\n  "b" 2\n}');
    expect(json?.message).toBe(
      "Invalid JSON template (line 3, column 7): Expected ':' after the property name \"b\".",
    );
    expect(json?.start).toBe(18);
    const [xml] = check("XML", "<r>\n<a>{{chat.transcript}}</r>");
    expect(xml?.message).toMatch(/^Invalid XML template \(line 2, column \d+\): /);
    const [form] = check("FORM", "a=1\nnot a pair");
    expect(form).toEqual({
      message: 'Invalid form template (line 2, column 1): Expected name=value, found "not a pair".',
      start: 4,
      end: 14,
    });
  });

  it("lists several issues in text order", () => {
    const template = '{"a": "{{chat.nope}}", "b": {{chat.trasncript}}, }';
    const issues = check("JSON", template);
    expect(issues.map((i) => i.start)).toEqual([7, 28, template.length - 1]);
    expect(issues[2]?.message).toBe(
      "Invalid JSON template (line 1, column 50): Trailing comma before '}'.",
    );
  });

  it("rejects an unknown event type", () => {
    expect(check("TEXT", "{{chat.id}}", "chat.nope")).toEqual([
      { message: 'Unknown event type "chat.nope".' },
    ]);
  });
});
