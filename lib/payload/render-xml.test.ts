import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { PayloadTemplateError, renderPayload } from "@/lib/payload";

const data = {
  chat: {
    transcript: 'Mary: "Hi" & <b>bye</b>\r\nAnna: it\'s ]]> -- done',
    tags: ["a", "b"],
    count: 3,
    bad: "a\u0000b\u0008c\uFFFEd\uD800e\uDC00f😀g",
  },
};

const render = (template: string) => renderPayload({ format: "XML", template, data }).body;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  htmlEntities: true,
});

describe("renderPayload XML", () => {
  it("escapes values in text and attributes", () => {
    const out = renderPayload({
      format: "XML",
      template: '<chat id="{{chat.transcript}}"><t>{{chat.transcript}}</t></chat>',
      data,
    });
    expect(out.contentType).toBe("application/xml; charset=utf-8");
    expect(XMLValidator.validate(out.body)).toBe(true);
    expect(out.body).toContain("&quot;Hi&quot; &amp; &lt;b&gt;bye&lt;/b&gt;&#13;");
    const doc = parser.parse(out.body);
    expect(doc.chat["@id"]).toBe(data.chat.transcript);
    expect(doc.chat.t).toBe(data.chat.transcript);
  });

  it("renders arrays and objects as JSON text, numbers as text, missing as empty", () => {
    const body = render("<r><a>{{chat.tags}}</a><n>{{chat.count}}</n><m>x{{chat.nope}}y</m></r>");
    expect(body).toBe("<r><a>[&quot;a&quot;,&quot;b&quot;]</a><n>3</n><m>xy</m></r>");
  });

  it("strips characters XML 1.0 can't carry", () => {
    const body = render("<r>{{chat.bad}}</r>");
    expect(body).toBe("<r>abcdef😀g</r>");
  });

  it("keeps CDATA sections and comments well-formed", () => {
    const body = render(
      "<r><c><![CDATA[x{{chat.transcript}}y]]></c><!--a-{{chat.transcript}}-b--></r>",
    );
    expect(XMLValidator.validate(body)).toBe(true);
    expect(body).not.toMatch(/<!--(?:(?!-->).)*--(?!>)/s);
    expect(parser.parse(body).r.c).toBe(`x${data.chat.transcript}y`);
  });

  it("keeps the declaration and renders an empty template as an empty body", () => {
    expect(render('<?xml version="1.0" encoding="UTF-8"?>\n<r>{{chat.count}}</r>')).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<r>3</r>',
    );
    expect(render("")).toBe("");
  });

  it.each([
    ["<r><a>{{chat.count}}</r>", 1, 21, /closing tag/],
    ["<r>\n  <{{chat.count}}/>\n</r>", 2, 4, /tag name/],
    ['<r {{chat.count}}="1"/>', 1, 4, /tag name/],
    ["just text {{chat.count}}", 1, 1, /./],
    ["<r><!-- a -- b --></r>", 1, 11, /'--'/],
    ['<r a="<{{chat.count}}"/>', 1, 7, /&lt;/],
  ])("rejects %j with line %i, column %i", (template, line, column, reason) => {
    let error: unknown;
    try {
      render(template);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PayloadTemplateError);
    const e = error as PayloadTemplateError;
    expect(e.location).toMatchObject({ line, column });
    expect(e.reason).toMatch(reason);
  });
});
