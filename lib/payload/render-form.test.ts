import { describe, expect, it } from "vitest";
import { PayloadTemplateError, renderPayload } from "@/lib/payload";

const data = {
  chat: {
    name: "Mary Brown",
    note: "a&b=c+d %20 é😀\nnext",
    count: 3,
    tags: ["x", "y"],
    none: null,
  },
};

const render = (template: string) => renderPayload({ format: "FORM", template, data });
const decoded = (template: string) => [...new URLSearchParams(render(template).body)];

describe("renderPayload FORM", () => {
  it("renders one field per line, URL-encoded with spaces as +", () => {
    const out = render("name={{chat.name}}\nnote={{chat.note}}\n");
    expect(out.contentType).toBe("application/x-www-form-urlencoded");
    expect(out.body).toBe("name=Mary+Brown&note=a%26b%3Dc%2Bd+%2520+%C3%A9%F0%9F%98%80%0Anext");
    expect(decoded("name={{chat.name}}\nnote={{chat.note}}")).toEqual([
      ["name", "Mary Brown"],
      ["note", data.chat.note],
    ]);
  });

  it("accepts a GET-style &-separated template and mixes both separators", () => {
    expect(
      decoded("a={{chat.count}}&b={{chat.tags}}\r\nc=x{{chat.none}}y&d={{chat.missing}}"),
    ).toEqual([
      ["a", "3"],
      ["b", '["x","y"]'],
      ["c", "xy"],
      ["d", ""],
    ]);
  });

  it("decodes the template's literal text once, and substitutes tokens in names", () => {
    expect(
      decoded("greeting=Hello+world%21 &amp=%26\n  user_{{chat.count}} = {{chat.name}}  "),
    ).toEqual([
      ["greeting", "Hello world!"],
      ["amp", "&"],
      ["user_3", "Mary Brown"],
    ]);
  });

  it("renders an empty template as an empty body", () => {
    expect(render("\n\n").body).toBe("");
  });

  it.each([
    ["a=1\njust text", 2, 1, /Expected name=value/],
    ["a=1&=2", 1, 5, /name is missing/],
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

describe("renderPayload TEXT", () => {
  it("substitutes raw text, objects as JSON, missing as empty", () => {
    const out = renderPayload({
      format: "TEXT",
      template: "Hi {{chat.name}} <{{chat.tags}}> [{{chat.none}}{{x.y}}]",
      data,
    });
    expect(out).toEqual({
      body: 'Hi Mary Brown <["x","y"]> []',
      contentType: "text/plain; charset=utf-8",
    });
  });
});
