import fc from "fast-check";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import type { JsonValue } from "@/lib/events/event-data";
import { renderPayload, tokenText } from "@/lib/payload";

// Property tests: whatever the token values hold, every format renders a well-formed body
// that gives the values back exactly (XML: minus the characters XML 1.0 can't carry).

const nasty = fc.constantFrom(
  '"',
  "\\",
  "'",
  "</script>",
  "]]>",
  "<![CDATA[",
  "<!--",
  "--",
  "-",
  "&amp;",
  "&nbsp;",
  "&#13;",
  "<",
  ">",
  "\u0000",
  "\u0008",
  "\u001f",
  "\u007f",
  "\r",
  "\n",
  "\r\n",
  "\t",
  "\u2028",
  "\uFFFE",
  "\uFFFF",
  "\uD800",
  "\uDFFF",
  "\uDBFF\uDFFF",
  "😀",
  "👩‍👩‍👧",
  "é",
  "{{a.s}}",
  "{{",
  "}}",
  "%",
  "%20",
  "+",
  "&",
  "=",
  " ",
);
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const anyString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: codeUnit, maxLength: 40 }), // lone surrogates, controls, U+FFFE…
  fc
    .array(fc.oneof(nasty, fc.string({ maxLength: 5 })), { maxLength: 12 })
    .map((parts) => parts.join("")),
);
const anyNumber = fc.oneof(
  fc.integer(),
  fc.constantFrom(
    Number.MAX_SAFE_INTEGER,
    Number.MIN_SAFE_INTEGER,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    1e21,
    0.1,
  ),
  // -0 is left out: JSON has no negative zero, it comes back as 0.
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
);
const { value: anyValue } = fc.letrec<{ value: JsonValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    anyString,
    anyNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(
      fc.oneof(anyString, fc.constantFrom("__proto__", "constructor", "{{a.v}}")),
      tie("value"),
      {
        maxKeys: 4,
      },
    ),
  ),
}));
// A few strings of 100 kB or more, made of the nastiest pieces.
const hugeString = fc
  .array(nasty, { minLength: 1, maxLength: 16 })
  .map((parts) => parts.join(""))
  .map((chunk) => chunk.repeat(Math.ceil(100_000 / chunk.length)));

const RUNS = 1000;

// XML 1.0 Char production, written independently of the renderer's sanitizer.
function xmlChars(value: string): string {
  let out = "";
  for (const ch of value) {
    const cp = ch.codePointAt(0) ?? 0;
    const ok =
      cp === 0x9 ||
      cp === 0xa ||
      cp === 0xd ||
      (cp >= 0x20 && cp <= 0xd7ff) ||
      (cp >= 0xe000 && cp <= 0xfffd) ||
      cp >= 0x10000;
    if (ok) out += ch;
  }
  return out;
}

const JSON_TEMPLATE = `{
  "whole": "{{a.v}}",
  "bare": {{ a.v }},
  "embedded": "<{{a.v}}|{{a.s}}>",
  "string": "{{a.s}}",
  "nested": { "list": ["{{a.v}}", {{a.s}}, "{{missing.x}}"] }
}`;

function checkJson(v: JsonValue, s: string): void {
  const body = renderPayload({
    format: "JSON",
    template: JSON_TEMPLATE,
    data: { a: { v, s } },
  }).body;
  const out = JSON.parse(body);
  expect(out.whole).toEqual(v);
  expect(out.bare).toEqual(v);
  expect(out.string).toBe(s);
  expect(out.embedded).toBe(`<${tokenText(v)}|${s}>`);
  expect(out.nested.list).toEqual([v, s, null]);
}

const XML_TEMPLATE =
  '<?xml version="1.0" encoding="UTF-8"?>\n<r a="{{a.s}}" b=\'x{{a.v}}\'><t>{{a.s}}</t><e>[{{a.v}}]</e><c><![CDATA[{{a.s}}]]></c><!--{{a.s}}-{{a.s}}--></r>';
const xmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  htmlEntities: true,
});

function checkXml(v: JsonValue, s: string): void {
  const body = renderPayload({ format: "XML", template: XML_TEMPLATE, data: { a: { v, s } } }).body;
  expect(XMLValidator.validate(body)).toBe(true);
  // What the validator doesn't check: characters outside XML 1.0, "--" inside a comment.
  expect(xmlChars(body)).toBe(body);
  const comment = body.slice(body.indexOf("<!--") + 4, body.lastIndexOf("-->"));
  expect(comment.includes("--") || comment.endsWith("-")).toBe(false);
  const r = xmlParser.parse(body).r;
  const text = (node: unknown) => (node === "" || node === undefined ? "" : node);
  expect(r["@a"]).toBe(xmlChars(s));
  expect(r["@b"]).toBe(`x${xmlChars(tokenText(v))}`);
  expect(text(r.t)).toBe(xmlChars(s));
  expect(r.e).toBe(`[${xmlChars(tokenText(v))}]`);
  expect(text(r.c)).toBe(xmlChars(s));
}

const FORM_TEMPLATE = "s={{a.s}}\nv={{a.v}}&x=pre{{a.s}}post\n{{a.s}}=name";

function checkForm(v: JsonValue, s: string): void {
  const body = renderPayload({
    format: "FORM",
    template: FORM_TEMPLATE,
    data: { a: { v, s } },
  }).body;
  expect(body).toMatch(/^[A-Za-z0-9*\-._%+=&]*$/);
  // Lone surrogates can't be UTF-8 encoded: like every form encoder, they become U+FFFD.
  const wf = (text: string) => text.toWellFormed();
  expect([...new URLSearchParams(body)]).toEqual([
    ["s", wf(s)],
    ["v", wf(tokenText(v))],
    ["x", `pre${wf(s)}post`],
    [wf(s), "name"],
  ]);
}

describe("rendering random token values", () => {
  it("JSON: always valid, whole tokens round-trip exactly, embedded ones appear as text", () => {
    fc.assert(fc.property(anyValue, anyString, checkJson), { numRuns: RUNS });
  });

  it("XML: always well-formed, element and attribute text equals the sanitized value", () => {
    fc.assert(fc.property(anyValue, anyString, checkXml), { numRuns: RUNS });
  });

  it("FORM: always decodes back to each value", () => {
    fc.assert(fc.property(anyValue, anyString, checkForm), { numRuns: RUNS });
  });

  it("handles 100 kB values in every format", () => {
    fc.assert(
      // noShrink: shrinking a 100 kB counterexample would take longer than finding it.
      fc.property(fc.noShrink(hugeString), (s) => {
        checkJson(s, s);
        checkXml(s, s);
        checkForm(s, s);
      }),
      { numRuns: 4 },
    );
  });
});
