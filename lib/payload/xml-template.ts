import { XMLValidator } from "fast-xml-parser";
import { PayloadTemplateError } from "@/lib/payload/payload-template-error";
import { offsetAt } from "@/lib/payload/text-position";
import { findTokens, type TokenMatch } from "@/lib/payload/tokens";

// Where a token sits in an XML template; "markup" (a tag name, between attributes, a DOCTYPE) is not allowed.
export type XmlTokenContext = "text" | "attribute" | "cdata" | "comment" | "instruction" | "markup";

// A token of an XML template with its context.
export type XmlTemplateToken = TokenMatch & { context: XmlTokenContext };

type Region = { start: number; end: number; context: Exclude<XmlTokenContext, "text"> };

// Every token of an XML template with the context it will be inserted into.
export function scanXmlTemplate(template: string): XmlTemplateToken[] {
  return withContexts(template, markupRegions(template));
}

// Problems that stop an XML template from rendering: tokens in markup, or malformed XML.
export function xmlTemplateErrors(template: string): PayloadTemplateError[] {
  if (template.trim() === "") return [];
  const regions = markupRegions(template);
  const tokens = withContexts(template, regions);
  const error = (reason: string, start: number, end = start + 1) =>
    new PayloadTemplateError("XML", reason, template, start, end);
  const misplaced = tokens.filter((t) => t.context === "markup");
  if (misplaced.length > 0) {
    return misplaced.map((t) =>
      error(
        `${template.slice(t.start, t.end)} can only be used in element text or an attribute value, not in a tag name or declaration.`,
        t.start,
        t.end,
      ),
    );
  }
  // Why placeholders: each token becomes as many "x" as it has characters (keeping line
  // breaks), so the validator's line and column point into the real template.
  let filled = "";
  let last = 0;
  for (const t of tokens) {
    filled +=
      template.slice(last, t.start) + template.slice(t.start, t.end).replace(/[^\r\n]/g, "x");
    last = t.end;
  }
  filled += template.slice(last);
  const result = XMLValidator.validate(filled, { allowBooleanAttributes: false });
  if (result !== true) {
    return [error(result.err.msg, offsetAt(template, result.err.line, result.err.col ?? 1))];
  }
  // What the validator lets through but XML 1.0 forbids.
  for (const r of regions) {
    if (r.context === "comment") {
      const body = filled.slice(r.start + 4, r.end - 3);
      const dashes = body.indexOf("--");
      if (dashes !== -1)
        return [
          error(
            "'--' is not allowed inside a comment.",
            r.start + 4 + dashes,
            r.start + 6 + dashes,
          ),
        ];
      if (body.endsWith("-"))
        return [error("A comment can't end with '-' before '-->'.", r.end - 4)];
    }
    if (r.context === "attribute") {
      const lt = filled.slice(r.start, r.end).indexOf("<");
      if (lt !== -1)
        return [error("'<' must be written as &lt; in an attribute value.", r.start + lt)];
    }
  }
  return [];
}

function withContexts(template: string, regions: readonly Region[]): XmlTemplateToken[] {
  return findTokens(template).map((token) => {
    // Attribute regions are pushed after their tag's region, so the last match is the innermost.
    const region = regions.findLast((r) => r.start <= token.start && token.start < r.end);
    return { ...token, context: region?.context ?? "text" };
  });
}

function markupRegions(t: string): Region[] {
  const regions: Region[] = [];
  let i = t.indexOf("<");
  while (i !== -1) {
    let end: number;
    if (t.startsWith("<!--", i)) end = closeAt(t, "-->", i, 4, regions, "comment");
    else if (t.startsWith("<![CDATA[", i)) end = closeAt(t, "]]>", i, 9, regions, "cdata");
    else if (t.startsWith("<?", i)) end = closeAt(t, "?>", i, 2, regions, "instruction");
    else end = tag(t, i, regions);
    i = t.indexOf("<", end);
  }
  return regions;
}

function closeAt(
  t: string,
  close: string,
  start: number,
  open: number,
  regions: Region[],
  context: Region["context"],
): number {
  const found = t.indexOf(close, start + open);
  const end = found === -1 ? t.length : found + close.length;
  regions.push({ start, end, context });
  return end;
}

// A start/end tag or a `<!DOCTYPE …[…]>` declaration; quoted parts of a tag are attribute values.
function tag(t: string, start: number, regions: Region[]): number {
  const own: Region = { start, end: t.length, context: "markup" };
  regions.push(own);
  const declaration = t.startsWith("<!", start);
  let depth = 0;
  for (let j = start + 1; j < t.length; j++) {
    const c = t[j];
    if (c === '"' || c === "'") {
      const close = t.indexOf(c, j + 1);
      const end = close === -1 ? t.length : close;
      if (!declaration) regions.push({ start: j + 1, end, context: "attribute" });
      j = end;
    } else if (declaration && c === "[") depth++;
    else if (declaration && c === "]") depth--;
    else if (c === ">" && depth <= 0) {
      own.end = j + 1;
      return j + 1;
    }
  }
  return t.length;
}
