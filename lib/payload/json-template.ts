import { PayloadTemplateError } from "@/lib/payload/payload-template-error";
import { tokenRegExp } from "@/lib/payload/tokens";

// A parsed JSON template. `token` is a bare (unquoted) token in a value position.
export type JsonTemplateNode =
  | { readonly kind: "object"; readonly entries: readonly (readonly [string, JsonTemplateNode])[] }
  | { readonly kind: "array"; readonly items: readonly JsonTemplateNode[] }
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "token"; readonly path: string }
  | { readonly kind: "literal"; readonly value: number | boolean | null };

const MAX_DEPTH = 500;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING_RUN = /[^"\\\u0000-\u001f]*/y;
const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

// Parses a JSON template: strict JSON (RFC 8259) plus bare `{{tokens}}` as values.
// Why our own parser rather than JSON.parse: exact line/column in every error message
// (Node's JSON.parse often gives no position), and bare tokens without rewriting the text.
export function parseJsonTemplate(template: string): JsonTemplateNode {
  return new JsonTemplateParser(template).document();
}

class JsonTemplateParser {
  private pos = 0;
  private readonly token = tokenRegExp("y");

  constructor(private readonly text: string) {}

  document(): JsonTemplateNode {
    const node = this.value(0);
    this.space();
    if (this.pos < this.text.length) this.fail("Unexpected text after the end of the JSON value.");
    return node;
  }

  private value(depth: number): JsonTemplateNode {
    this.space();
    if (depth > MAX_DEPTH) this.fail(`The template nests deeper than ${MAX_DEPTH} levels.`);
    const c = this.text[this.pos];
    if (c === undefined) this.fail("Unexpected end of the template: a value is missing.");
    if (c === "{") return this.bareToken() ?? this.object(depth);
    if (c === "[") return this.array(depth);
    if (c === '"') return { kind: "string", value: this.string() };
    if (c === "-" || (c >= "0" && c <= "9")) return this.number();
    for (const [word, value] of [
      ["true", true],
      ["false", false],
      ["null", null],
    ] as const) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return { kind: "literal", value };
      }
    }
    return this.fail(
      `Unexpected ${describe(c)}: expected a value (string, number, object, array, true, false, null or a {{token}}).`,
    );
  }

  private bareToken(): JsonTemplateNode | undefined {
    this.token.lastIndex = this.pos;
    const m = this.token.exec(this.text);
    if (!m) return undefined;
    this.pos = this.token.lastIndex;
    return { kind: "token", path: m[1] ?? "" };
  }

  private object(depth: number): JsonTemplateNode {
    this.pos++;
    const entries: (readonly [string, JsonTemplateNode])[] = [];
    this.space();
    if (this.text[this.pos] === "}") {
      this.pos++;
      return { kind: "object", entries };
    }
    for (;;) {
      this.space();
      const c = this.text[this.pos];
      if (c !== '"') {
        const hint = this.text.startsWith("{{", this.pos)
          ? " Put a token used as a name in quotes."
          : "";
        if (c === "}" && entries.length > 0) this.fail("Trailing comma before '}'.");
        this.fail(`Expected a property name in double quotes, found ${describe(c)}.${hint}`);
      }
      const key = this.string();
      this.space();
      if (this.text[this.pos] !== ":") this.fail(`Expected ':' after the property name "${key}".`);
      this.pos++;
      entries.push([key, this.value(depth + 1)]);
      this.space();
      const next = this.text[this.pos];
      this.pos++;
      if (next === "}") return { kind: "object", entries };
      if (next !== ",")
        this.fail(
          `Expected ',' or '}' after a property value, found ${describe(next)}.`,
          this.pos - 1,
        );
    }
  }

  private array(depth: number): JsonTemplateNode {
    this.pos++;
    const items: JsonTemplateNode[] = [];
    this.space();
    if (this.text[this.pos] === "]") {
      this.pos++;
      return { kind: "array", items };
    }
    for (;;) {
      this.space();
      if (this.text[this.pos] === "]") this.fail("Trailing comma before ']'.");
      items.push(this.value(depth + 1));
      this.space();
      const next = this.text[this.pos];
      this.pos++;
      if (next === "]") return { kind: "array", items };
      if (next !== ",")
        this.fail(
          `Expected ',' or ']' after an array item, found ${describe(next)}.`,
          this.pos - 1,
        );
    }
  }

  private string(): string {
    const start = this.pos;
    this.pos++;
    let out = "";
    for (;;) {
      STRING_RUN.lastIndex = this.pos;
      const run = STRING_RUN.exec(this.text)?.[0] ?? "";
      out += run;
      this.pos += run.length;
      const c = this.text[this.pos];
      if (c === undefined) this.fail("Unterminated string: missing the closing '\"'.", start);
      if (c === '"') {
        this.pos++;
        return out;
      }
      if (c !== "\\")
        this.fail(
          `${describe(c)} is not allowed inside a string; write it as an escape such as \\n or \\t.`,
        );
      out += this.escape();
    }
  }

  private escape(): string {
    const c = this.text[this.pos + 1];
    if (c === "u") {
      const hex = this.text.slice(this.pos + 2, this.pos + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex))
        this.fail("Invalid \\u escape: expected four hexadecimal digits.");
      this.pos += 6;
      return String.fromCharCode(parseInt(hex, 16));
    }
    const char = c === undefined ? undefined : ESCAPES[c];
    if (char === undefined) this.fail(`Invalid escape \\${c ?? ""} in a string.`);
    this.pos += 2;
    return char;
  }

  private number(): JsonTemplateNode {
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (!m) this.fail("Invalid number.");
    this.pos += m[0].length;
    return { kind: "literal", value: Number(m[0]) };
  }

  private space(): void {
    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (c !== " " && c !== "\t" && c !== "\n" && c !== "\r") return;
      this.pos++;
    }
  }

  private fail(reason: string, at = this.pos): never {
    throw new PayloadTemplateError("JSON", reason, this.text, at, at + 1);
  }
}

function describe(c: string | undefined): string {
  if (c === undefined) return "the end of the template";
  const code = c.charCodeAt(0);
  if (code < 0x20 || code === 0x7f)
    return `control character U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  return `'${c}'`;
}
