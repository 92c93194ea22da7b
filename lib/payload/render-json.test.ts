import { describe, expect, it } from "vitest";
import { sampleData } from "@/lib/events/sample-data";
import { PayloadTemplateError, renderPayload } from "@/lib/payload";

const data = {
  chat: {
    session_id: "CS-1",
    transcript: 'Mary: "Hi" \\ </script>\nAnna: ]]> hello',
    tags: ["sales", "billing"],
    count: 3,
    java: false,
    empty: null,
    source: { type: "lc2", url: null },
  },
};

const render = (template: string) => renderPayload({ format: "JSON", template, data });
const parsed = (template: string): unknown => JSON.parse(render(template).body);

describe("renderPayload JSON", () => {
  it("substitutes into string values and pretty-prints", () => {
    const out = render('{"transcript": "{{chat.transcript}}", "id": "{{chat.session_id}}"}');
    expect(out.contentType).toBe("application/json; charset=utf-8");
    expect(out.body).toBe(
      JSON.stringify({ transcript: data.chat.transcript, id: "CS-1" }, null, 2),
    );
  });

  it("keeps the type of a value that is exactly one token", () => {
    expect(
      parsed(
        '{"n": "{{chat.count}}", "b": "{{ chat.java }}", "a": "{{chat.tags}}", "o": "{{chat.source}}", "z": "{{chat.empty}}"}',
      ),
    ).toEqual({ n: 3, b: false, a: ["sales", "billing"], o: { type: "lc2", url: null }, z: null });
  });

  it("inserts a token inside a longer string as text (objects as compact JSON)", () => {
    expect(
      parsed(
        '{"s": "#{{chat.count}} {{chat.java}} {{chat.tags}} {{chat.source}} [{{chat.empty}}]"}',
      ),
    ).toEqual({
      s: '#3 false ["sales","billing"] {"type":"lc2","url":null} []',
    });
  });

  it("renders a missing value as null when whole, as empty text when embedded", () => {
    expect(
      parsed(
        '{"a": "{{chat.nope}}", "b": "x{{chat.nope}}y", "c": {{nope.nope}}, "d": "{{chat.tags.7}}"}',
      ),
    ).toEqual({
      a: null,
      b: "xy",
      c: null,
      d: null,
    });
  });

  it("accepts bare tokens as values, anywhere a value may stand", () => {
    expect(
      parsed(
        '{"id": {{chat.session_id}}, "list": [{{chat.count}}, {{ chat.tags }}], "s": "{{chat.count}}"}',
      ),
    ).toEqual({
      id: "CS-1",
      list: [3, ["sales", "billing"]],
      s: 3,
    });
    expect(parsed("{{chat.source}}")).toEqual({ type: "lc2", url: null });
  });

  it("leaves tokens inside string values alone when scanning for bare ones", () => {
    expect(parsed('{"a": "{ \\"{{chat.count}}\\" }", "b": "\\\\{{chat.count}}"}')).toEqual({
      a: '{ "3" }',
      b: "\\3",
    });
  });

  it("substitutes tokens in keys as text", () => {
    expect(parsed('{"id_{{chat.session_id}}": 1}')).toEqual({ "id_CS-1": 1 });
  });

  it("keeps literal template values and JSON semantics", () => {
    expect(
      parsed(
        '{"n": -1.5e3, "t": true, "f": false, "z": null, "e": [], "o": {}, "u": "\\u00e9\\ud83d\\ude00"}',
      ),
    ).toEqual({
      n: -1500,
      t: true,
      f: false,
      z: null,
      e: [],
      o: {},
      u: "é😀",
    });
    const proto = parsed('{"__proto__": {"polluted": true}}');
    expect(Object.keys(proto as object)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("never reaches prototype properties through a token", () => {
    expect(parsed('{"a": "{{chat.constructor}}", "b": "{{chat.tags.length}}"}')).toEqual({
      a: null,
      b: null,
    });
  });

  it("renders an empty template as an empty body", () => {
    expect(render("  \n").body).toBe("");
  });

  it("renders the sample data of a real event", () => {
    const body = renderPayload({
      format: "JSON",
      template:
        '{"t": "{{chat.transcript}}", "java": {{browser.java_enabled}}, "pages": "{{customer.pages_visited}}"}',
      data: sampleData("chat.closed"),
    }).body;
    expect(JSON.parse(body)).toMatchObject({ java: false, pages: 6 });
  });

  it.each([
    ['{"a": }', 1, 7, /expected a value/],
    ['{\n  "a": 1,\n  "b" 2\n}', 3, 7, /Expected ':'/],
    ['{"a": 1,}', 1, 9, /Trailing comma/],
    ['{"a": "x\ny"}', 1, 9, /not allowed inside a string/],
    ['{"a": "x', 1, 7, /Unterminated string/],
    ['{"a": 1} x', 1, 10, /after the end/],
    ["{'a': 1}", 1, 2, /double quotes/],
    ['{"a": tru}', 1, 7, /expected a value/],
    ['{"a": "\\x"}', 1, 8, /Invalid escape/],
    ["[1 2]", 1, 4, /Expected ',' or '\]'/],
  ])("rejects %j with line %i, column %i", (template, line, column, reason) => {
    let error: unknown;
    try {
      render(template);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PayloadTemplateError);
    const e = error as PayloadTemplateError;
    expect(e.format).toBe("JSON");
    expect(e.location).toMatchObject({ line, column });
    expect(e.message).toContain(`line ${line}, column ${column}`);
    expect(e.reason).toMatch(reason);
  });
});
