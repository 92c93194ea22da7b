import { DEFAULT_XML_ROOT, tokenFieldKey, uniqueKey, xmlName } from "@/lib/payload/builder";
import { parseFormTemplate } from "@/lib/payload/form-template";
import { parseJsonTemplate } from "@/lib/payload/json-template";
import type { PayloadFormat } from "@/lib/payload/payload-format";
import { findTokens, tokenRegExp } from "@/lib/payload/tokens";
import { xmlTemplateErrors } from "@/lib/payload/xml-template";

// "Edit as text": where a clicked token goes so the template stays valid. Inside a JSON string,
// an XML leaf element's text or attribute, or a form value, it goes at the cursor; anywhere
// else it becomes a new member, element or pair at the end of the object or element around the
// cursor (the root when the cursor is outside it). A template that is already invalid gets the
// token at the cursor, as plain text editing would.

export type Insertion = { template: string; cursor: number };

export function insertToken(
  format: PayloadFormat,
  template: string,
  cursor: number,
  path: string,
): Insertion {
  const token = `{{${path}}}`;
  const key = tokenFieldKey(path);
  const clamped = Math.max(0, Math.min(cursor, template.length));
  // A cursor inside a token (clicked into one) inserts after it, never splitting it.
  const inside = findTokens(template).find((t) => t.start < clamped && clamped < t.end);
  const at = inside ? inside.end : clamped;
  const atCursor = () => splice(template, at, at, token);
  switch (format) {
    case "TEXT":
      return atCursor();
    case "JSON":
      return insertJson(template, at, key, token) ?? atCursor();
    case "XML":
      return insertXml(template, at, key, token) ?? atCursor();
    case "FORM":
      return insertForm(template, at, key, token) ?? atCursor();
  }
}

function splice(
  text: string,
  from: number,
  to: number,
  insert: string,
  cursorAfter = insert.length,
) {
  return { template: text.slice(0, from) + insert + text.slice(to), cursor: from + cursorAfter };
}

const lineIndent = (text: string, offset: number) => {
  const start = text.lastIndexOf("\n", offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))![0];
};

const lastNonSpace = (text: string, before: number) => {
  let p = before - 1;
  while (p >= 0 && /\s/.test(text[p]!)) p--;
  return p;
};

// ---------------------------------------------------------------- JSON

type JsonContainer = { open: "{" | "["; start: number; end: number; keys: string[] };

// The containers of a valid JSON template with their spans and keys, and its string spans.
function scanJson(text: string) {
  const containers: JsonContainer[] = [];
  const strings: [number, number][] = [];
  const stack: JsonContainer[] = [];
  const token = tokenRegExp("y");
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      strings.push([i, j]);
      const after = /^\s*:/.exec(text.slice(j + 1, j + 40));
      const top = stack.at(-1);
      if (after && top?.open === "{") top.keys.push(JSON.parse(text.slice(i, j + 1)) as string);
      i = j;
    } else if (c === "{") {
      token.lastIndex = i;
      if (token.exec(text)) {
        i = token.lastIndex - 1;
        continue;
      }
      stack.push({ open: "{", start: i, end: -1, keys: [] });
    } else if (c === "[") stack.push({ open: "[", start: i, end: -1, keys: [] });
    else if (c === "}" || c === "]") {
      const done = stack.pop()!;
      done.end = i;
      containers.push(done);
    }
  }
  return { containers, strings };
}

function insertJson(template: string, cursor: number, key: string, token: string) {
  if (template.trim() === "")
    return splice(
      template,
      0,
      template.length,
      `{\n  ${JSON.stringify(key)}: "${token}"\n}`,
      6 + key.length + 2 + token.length + 1,
    );
  try {
    parseJsonTemplate(template);
  } catch {
    return undefined;
  }
  const { containers, strings } = scanJson(template);
  if (strings.some(([open, close]) => open < cursor && cursor <= close))
    return splice(template, cursor, cursor, token);
  const around = containers
    .filter((c) => c.start < cursor && cursor <= c.end)
    .sort((a, b) => b.start - a.start);
  const outermost = containers.reduce<JsonContainer | undefined>(
    (top, c) => (!top || c.start < top.start ? c : top),
    undefined,
  );
  const target = around.find((c) => c.open === "{") ?? outermost;
  if (!target) return undefined; // a scalar template: nothing to add to
  const item =
    target.open === "{"
      ? `${JSON.stringify(uniqueKey(target.keys.map(asField), key))}: "${token}"`
      : `"${token}"`;
  const closeIndent = lineIndent(template, target.end);
  const onOwnLine = lastNonSpace(template, target.end) < template.lastIndexOf("\n", target.end);
  const indent = onOwnLine ? `${closeIndent}  ` : `${lineIndent(template, target.start)}  `;
  const last = lastNonSpace(template, target.end);
  if (last === target.start) {
    const insert = `\n${indent}${item}\n${lineIndent(template, target.start)}`;
    return splice(template, last + 1, target.end, insert, 1 + indent.length + item.length - 1);
  }
  const insert = `,\n${indent}${item}`;
  return splice(template, last + 1, last + 1, insert, insert.length - 1);
}

const asField = (key: string) => ({ key });

// ---------------------------------------------------------------- XML

type XmlElement = {
  name: string;
  openStart: number;
  openEnd: number; // after '>'
  closeStart: number; // at '</', or openStart for a self-closing element
  closeEnd: number;
  children: string[];
  selfClosing: boolean;
};

const XML_MARKUP =
  /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<![^>]*>|<(\/?)([^\s/>]+)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g;

function scanXml(text: string) {
  const elements: XmlElement[] = [];
  const stack: XmlElement[] = [];
  const markup: {
    start: number;
    end: number;
    kind: "tag" | "cdata" | "other";
    attrs: [number, number][];
  }[] = [];
  for (const m of text.matchAll(XML_MARKUP)) {
    const start = m.index;
    const end = start + m[0].length;
    if (m[2] === undefined) {
      markup.push({
        start,
        end,
        kind: m[0].startsWith("<![CDATA[") ? "cdata" : "other",
        attrs: [],
      });
      continue;
    }
    const attrs: [number, number][] = [];
    for (const a of (m[3] ?? "").matchAll(/"[^"]*"|'[^']*'/g)) {
      const from = start + 1 + (m[1]?.length ?? 0) + m[2].length + a.index;
      attrs.push([from + 1, from + a[0].length - 1]);
    }
    markup.push({ start, end, kind: "tag", attrs });
    if (m[1] === "/") {
      const open = stack.pop()!;
      open.closeStart = start;
      open.closeEnd = end;
      elements.push(open);
    } else {
      const element: XmlElement = {
        name: m[2],
        openStart: start,
        openEnd: end,
        closeStart: start,
        closeEnd: end,
        children: [],
        selfClosing: m[4] === "/",
      };
      stack.at(-1)?.children.push(m[2]);
      if (element.selfClosing) elements.push(element);
      else stack.push(element);
    }
  }
  return { elements, markup };
}

function insertXml(template: string, cursor: number, key: string, token: string) {
  const name = xmlName(key);
  if (template.trim() === "") {
    const head = `<?xml version="1.0" encoding="UTF-8"?>\n<${DEFAULT_XML_ROOT}>\n  <${name}>`;
    return splice(
      template,
      0,
      template.length,
      `${head}${token}</${name}>\n</${DEFAULT_XML_ROOT}>`,
      head.length + token.length,
    );
  }
  if (xmlTemplateErrors(template).length > 0) return undefined;
  const { elements, markup } = scanXml(template);
  const inMarkup = markup.find((m) => m.start < cursor && cursor < m.end);
  if (inMarkup?.kind === "cdata" || inMarkup?.attrs.some(([a, b]) => a <= cursor && cursor <= b))
    return splice(template, cursor, cursor, token);
  const around = elements
    .filter((e) => !e.selfClosing && e.openEnd <= cursor && cursor <= e.closeStart)
    .sort((a, b) => b.openStart - a.openStart);
  const innermost = around[0];
  if (!inMarkup && innermost && innermost.children.length === 0 && innermost !== rootOf(elements))
    return splice(template, cursor, cursor, token);
  const target = (inMarkup ? undefined : innermost) ?? rootOf(elements);
  if (!target) return undefined;
  const element = (n: string) => `<${n}>${token}</${n}>`;
  const child = xmlName(uniqueKey(target.children.map(asField), name));
  const indent = `${lineIndent(template, target.openStart)}  `;
  if (target.selfClosing) {
    const open = template.slice(target.openStart, target.openEnd).replace(/\s*\/>$/, ">");
    const insert = `${open}\n${indent}${element(child)}\n${lineIndent(template, target.openStart)}</${target.name}>`;
    return splice(
      template,
      target.openStart,
      target.openEnd,
      insert,
      open.length + 1 + indent.length + child.length + 2 + token.length,
    );
  }
  const last = lastNonSpace(template, target.closeStart);
  const tail = last < target.openEnd ? `\n${lineIndent(template, target.openStart)}` : "";
  const insert = `\n${indent}${element(child)}${tail}`;
  const to = last < target.openEnd ? target.closeStart : last + 1;
  return splice(
    template,
    last + 1,
    to,
    insert,
    1 + indent.length + child.length + 2 + token.length,
  );
}

const rootOf = (elements: XmlElement[]) =>
  elements.reduce<XmlElement | undefined>(
    (r, e) => (!r || e.openStart < r.openStart ? e : r),
    undefined,
  );

// ---------------------------------------------------------------- Form

function insertForm(template: string, cursor: number, key: string, token: string) {
  let pairs;
  try {
    pairs = parseFormTemplate(template);
  } catch {
    return undefined;
  }
  const pair = pairs.find((p) => p.start <= cursor && cursor <= p.end);
  if (pair && cursor > pair.start + template.slice(pair.start, pair.end).indexOf("="))
    return splice(template, cursor, cursor, token);
  const name = uniqueKey(
    pairs.map((p) => ({ key: p.name })),
    key,
  );
  const end = template.replace(/\s+$/, "").length;
  const insert = `${end === 0 ? "" : "\n"}${name}=${token}`;
  return splice(template, end, template.length, insert);
}
