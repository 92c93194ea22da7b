import { XMLParser } from "fast-xml-parser";
import { parseFormTemplate } from "@/lib/payload/form-template";
import { parseJsonTemplate, type JsonTemplateNode } from "@/lib/payload/json-template";
import type { PayloadFormat } from "@/lib/payload/payload-format";
import { PayloadTemplateError } from "@/lib/payload/payload-template-error";
import { tokenRegExp } from "@/lib/payload/tokens";
import { stripInvalidXmlChars } from "@/lib/payload/xml-escape";
import { xmlTemplateErrors } from "@/lib/payload/xml-template";

// The payload builder's model: a list of named fields, each a value (literal text mixed with
// {{tokens}}), an object of fields, or a list of items. It is the same for JSON, XML and Form,
// so switching format never loses a field; `toTemplate` writes it as a template of the format
// that is valid by construction, and `fromTemplate` reads a template back when it has a shape
// the list can show. The stored webhook keeps only the template.

// One field of the builder. A list's children are its items; their keys are not sent.
export type BuilderField =
  | { readonly id: string; readonly kind: "value"; readonly key: string; readonly value: string }
  | {
      readonly id: string;
      readonly kind: "object" | "list";
      readonly key: string;
      readonly children: readonly BuilderField[];
    };

// The fields and, for XML, the name of the root element.
export type PayloadBuilder = { readonly root: string; readonly fields: readonly BuilderField[] };

// The formats edited as a list of fields by default; plain text is edited as text.
export const fieldFormats = ["JSON", "XML", "FORM"] as const satisfies readonly PayloadFormat[];
export type FieldFormat = (typeof fieldFormats)[number];
export const isFieldFormat = (f: PayloadFormat): f is FieldFormat =>
  (fieldFormats as readonly string[]).includes(f);

export const DEFAULT_XML_ROOT = "event";
export const emptyBuilder = (root = DEFAULT_XML_ROOT): PayloadBuilder => ({ root, fields: [] });

let nextId = 0;
const newId = () => `f${++nextId}`;

// ---------------------------------------------------------------- operations

type Fields = readonly BuilderField[];

// The field key a token gets: its path with dots as underscores (`chat.transcript` → `chat_transcript`).
export const tokenFieldKey = (path: string) => path.replaceAll(".", "_");

// `key`, or `key_2`, `key_3`, … — the first not taken by a sibling.
export function uniqueKey(siblings: readonly { key: string }[], key: string): string {
  const taken = new Set(siblings.map((f) => f.key));
  if (!taken.has(key)) return key;
  for (let n = 2; ; n++) if (!taken.has(`${key}_${n}`)) return `${key}_${n}`;
}

// Rewrites the sibling list that holds `parentId`'s children (undefined: the top level).
function updateChildren(fields: Fields, parentId: string | undefined, f: (c: Fields) => Fields) {
  if (parentId === undefined) return f(fields);
  return mapFields(fields, (field) =>
    field.id === parentId && field.kind !== "value"
      ? { ...field, children: f(field.children) }
      : field,
  );
}

function mapFields(fields: Fields, f: (field: BuilderField) => BuilderField): BuilderField[] {
  return fields.map((field) => {
    const next = f(field);
    return next.kind === "value" ? next : { ...next, children: mapFields(next.children, f) };
  });
}

// Where a field is: its parent's id (undefined at the top level), its siblings and its index.
export function locateField(
  fields: Fields,
  id: string,
  parentId?: string,
): { parentId: string | undefined; siblings: Fields; index: number } | undefined {
  const index = fields.findIndex((f) => f.id === id);
  if (index !== -1) return { parentId, siblings: fields, index };
  for (const f of fields) {
    if (f.kind === "value") continue;
    const found = locateField(f.children, id, f.id);
    if (found) return found;
  }
  return undefined;
}

const findField = (fields: Fields, id: string) => {
  const at = locateField(fields, id);
  return at?.siblings[at.index];
};

function append(
  b: PayloadBuilder,
  parentId: string | undefined,
  make: (s: Fields) => BuilderField,
) {
  const field = { current: undefined as BuilderField | undefined };
  const fields = updateChildren(b.fields, parentId, (siblings) => {
    field.current = make(siblings);
    return [...siblings, field.current];
  });
  return { builder: { ...b, fields }, field: field.current! };
}

// Clicking a token: a new field named after it, holding it, at the end of the top level (or of `parentId`).
export function addToken(b: PayloadBuilder, path: string, parentId?: string) {
  return append(b, parentId, (siblings) => ({
    id: newId(),
    kind: "value",
    key: uniqueKey(siblings, tokenFieldKey(path)),
    value: `{{${path}}}`,
  }));
}

// A new field with a literal value (empty until typed).
export function addValueField(b: PayloadBuilder, parentId?: string, key = "field", value = "") {
  return append(b, parentId, (siblings) => ({
    id: newId(),
    kind: "value",
    key: uniqueKey(siblings, key),
    value,
  }));
}

// A new, empty object.
export function addObjectField(b: PayloadBuilder, parentId?: string, key = "object") {
  return append(b, parentId, (siblings) => ({
    id: newId(),
    kind: "object",
    key: uniqueKey(siblings, key),
    children: [],
  }));
}

export const renameField = (b: PayloadBuilder, id: string, key: string): PayloadBuilder => ({
  ...b,
  fields: mapFields(b.fields, (f) => (f.id === id ? { ...f, key } : f)),
});

export const setFieldValue = (b: PayloadBuilder, id: string, value: string): PayloadBuilder => ({
  ...b,
  fields: mapFields(b.fields, (f) => (f.id === id && f.kind === "value" ? { ...f, value } : f)),
});

export function removeField(b: PayloadBuilder, id: string): PayloadBuilder {
  const at = locateField(b.fields, id);
  if (!at) return b;
  return {
    ...b,
    fields: updateChildren(b.fields, at.parentId, (s) => s.filter((f) => f.id !== id)),
  };
}

// Moves a field up (-1) or down (+1) among its siblings; at either end nothing changes.
export function moveField(b: PayloadBuilder, id: string, delta: number): PayloadBuilder {
  const at = locateField(b.fields, id);
  if (!at) return b;
  const to = at.index + delta;
  if (to < 0 || to >= at.siblings.length) return b;
  return { ...b, fields: updateChildren(b.fields, at.parentId, (s) => reorder(s, at.index, to)) };
}

// Moves a field to position `to` among its siblings (drag and drop).
export function moveFieldTo(b: PayloadBuilder, id: string, to: number): PayloadBuilder {
  const at = locateField(b.fields, id);
  if (!at || to < 0 || to >= at.siblings.length || to === at.index) return b;
  return { ...b, fields: updateChildren(b.fields, at.parentId, (s) => reorder(s, at.index, to)) };
}

function reorder(fields: Fields, from: number, to: number): BuilderField[] {
  const next = [...fields];
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved!);
  return next;
}

// Wraps a field in a new object named after it (`customer_email_object`), in its place.
export function nestField(b: PayloadBuilder, id: string): PayloadBuilder {
  const at = locateField(b.fields, id);
  if (!at) return b;
  const field = at.siblings[at.index]!;
  const wrapper: BuilderField = {
    id: newId(),
    kind: "object",
    key: uniqueKey(at.siblings, `${field.key || "field"}_object`),
    children: [field],
  };
  return {
    ...b,
    fields: updateChildren(b.fields, at.parentId, (s) => s.map((f) => (f.id === id ? wrapper : f))),
  };
}

// Whether `indentField` can move the field into the object or list just above it.
export function canIndent(b: PayloadBuilder, id: string): boolean {
  const at = locateField(b.fields, id);
  return !!at && at.index > 0 && at.siblings[at.index - 1]!.kind !== "value";
}

// Moves a field to the end of the object or list just above it.
export function indentField(b: PayloadBuilder, id: string): PayloadBuilder {
  const at = locateField(b.fields, id);
  if (!at || !canIndent(b, id)) return b;
  const field = at.siblings[at.index]!;
  const target = at.siblings[at.index - 1]!;
  const without = updateChildren(b.fields, at.parentId, (s) => s.filter((f) => f.id !== id));
  return {
    ...b,
    fields: updateChildren(without, target.id, (s) => [
      ...s,
      { ...field, key: uniqueKey(s, field.key) },
    ]),
  };
}

// Moves a field out of its object or list, just after it.
export function outdentField(b: PayloadBuilder, id: string): PayloadBuilder {
  const at = locateField(b.fields, id);
  if (!at || at.parentId === undefined) return b;
  const field = at.siblings[at.index]!;
  const parent = locateField(b.fields, at.parentId)!;
  const without = updateChildren(b.fields, at.parentId, (s) => s.filter((f) => f.id !== id));
  return {
    ...b,
    fields: updateChildren(without, parent.parentId, (s) => {
      const i = s.findIndex((f) => f.id === at.parentId);
      const moved = { ...field, key: uniqueKey(s, field.key) };
      return [...s.slice(0, i + 1), moved, ...s.slice(i + 1)];
    }),
  };
}

export const setRoot = (b: PayloadBuilder, root: string): PayloadBuilder => ({ ...b, root });

// ---------------------------------------------------------------- problems

// What the admin must fix before saving: a field without a name, or (JSON, where a receiver
// keeps only one of them) two fields of one object with the same name. Each names the field.
export type FieldProblem = { id: string | "root"; message: string };

export function builderProblems(b: PayloadBuilder, format: FieldFormat): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (format === "XML" && b.root.trim() === "")
    problems.push({ id: "root", message: "Name the root element." });
  const check = (fields: Fields, inList: boolean) => {
    const seen = new Set<string>();
    for (const f of fields) {
      if (!inList && f.key.trim() === "") problems.push({ id: f.id, message: "Name this field." });
      else if (!inList && format === "JSON" && seen.has(f.key))
        problems.push({ id: f.id, message: `Another field here is named “${f.key}”.` });
      seen.add(f.key);
      if (f.kind !== "value") check(f.children, f.kind === "list");
    }
  };
  check(b.fields, false);
  return problems;
}

// ---------------------------------------------------------------- writing templates

// Splits text into literal runs and tokens, so literals can be escaped and tokens kept.
function splitTokens(text: string): { literal: boolean; text: string }[] {
  const parts: { literal: boolean; text: string }[] = [];
  let last = 0;
  for (const m of text.matchAll(tokenRegExp("g"))) {
    if (m.index > last) parts.push({ literal: true, text: text.slice(last, m.index) });
    parts.push({ literal: false, text: m[0] });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ literal: true, text: text.slice(last) });
  return parts;
}

// An XML element name for a key: letters, digits, `_`, `-`, `.`; never starting with a digit,
// `-`, `.` or "xml" (reserved). What the field list sends is what the admin sees beside it.
export function xmlName(key: string): string {
  let name = key.trim().replace(/[^A-Za-z0-9_.-]/g, "_");
  if (name === "") return "field";
  if (!/^[A-Za-z_]/.test(name) || /^xml/i.test(name)) name = `_${name}`;
  // Names common XML parsers refuse or rename, as they are JavaScript object internals.
  return JS_INTERNALS.has(name) ? `${name}_` : name;
}

const JS_INTERNALS = new Set([
  "__proto__",
  "constructor",
  "prototype",
  "hasOwnProperty",
  "toString",
  "valueOf",
  "__defineGetter__",
  "__defineSetter__",
  "__lookupGetter__",
  "__lookupSetter__",
]);

const xmlText = (value: string) =>
  splitTokens(value)
    .map((p) =>
      p.literal ? stripInvalidXmlChars(p.text).replace(/[&<>\r]/g, (c) => XML_ENTITY[c]!) : p.text,
    )
    .join("");
const XML_ENTITY: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  "\r": "&#13;",
};

// A form name or value: literal runs percent-encoded (a space as +), tokens as they are.
const formEncode = (value: string) =>
  splitTokens(value)
    .map((p) => (p.literal ? new URLSearchParams({ v: p.text }).toString().slice(2) : p.text))
    .join("");

/**
 * Each sibling's key as written: a blank key (spaces, a line break) is written "field", or
 * "field_2", … when a sibling has that name — never the same name as a sibling, which Form
 * could not read back (a group and a value of one name) and JSON would merge.
 */
function writtenKeys(fields: Fields): string[] {
  const taken = fields.map((f) => ({ key: f.key }));
  return fields.map((f) => {
    if (f.key.trim() !== "") return f.key;
    const key = uniqueKey(taken, "field");
    taken.push({ key });
    return key;
  });
}

function jsonLines(fields: Fields, inList: boolean, indent: string): string {
  const inner = indent + "  ";
  const keys = writtenKeys(fields);
  return fields
    .map((f, i) => {
      const name = inList ? "" : `${JSON.stringify(keys[i])}: `;
      if (f.kind === "value") return `${inner}${name}${JSON.stringify(f.value)}`;
      const [open, close] = f.kind === "list" ? ["[", "]"] : ["{", "}"];
      if (f.children.length === 0) return `${inner}${name}${open}${close}`;
      return `${inner}${name}${open}\n${jsonLines(f.children, f.kind === "list", inner)}\n${inner}${close}`;
    })
    .join(",\n");
}

function xmlLines(fields: Fields, inList: boolean, indent: string): string[] {
  return fields.flatMap((f) => {
    const name = inList ? "item" : xmlName(f.key);
    if (f.kind === "value") return [`${indent}<${name}>${xmlText(f.value)}</${name}>`];
    if (f.children.length === 0) return [`${indent}<${name}></${name}>`];
    return [
      `${indent}<${name}>`,
      ...xmlLines(f.children, f.kind === "list", indent + "  "),
      `${indent}</${name}>`,
    ];
  });
}

function formLines(fields: Fields, prefix: string | undefined, inList: boolean): string[] {
  const keys = writtenKeys(fields);
  return fields.flatMap((f, i) => {
    const segment = inList ? String(i) : formEncode(keys[i]!);
    const name = prefix === undefined ? segment : `${prefix}[${segment}]`;
    if (f.kind === "value") return [`${name}=${formEncode(f.value)}`];
    return formLines(f.children, name, f.kind === "list");
  });
}

function textLines(fields: Fields, inList: boolean, indent: string): string[] {
  const keys = writtenKeys(fields);
  return fields.flatMap((f, i) => {
    const name = inList ? `${i + 1}` : keys[i]!;
    if (f.kind === "value") return [`${indent}${name}: ${f.value.replace(/\r?\n/g, " ")}`];
    return [`${indent}${name}:`, ...textLines(f.children, f.kind === "list", indent + "  ")];
  });
}

// The template of the fields in a format. No fields: an empty template (a request without a body).
// For Form, an object's fields are sent as `parent[child]=…` and a list's items as `list[0]=…`.
export function toTemplate(format: PayloadFormat, b: PayloadBuilder): string {
  if (b.fields.length === 0) return "";
  switch (format) {
    case "JSON":
      return `{\n${jsonLines(b.fields, false, "")}\n}`;
    case "XML": {
      const root = xmlName(b.root);
      return [
        '<?xml version="1.0" encoding="UTF-8"?>',
        `<${root}>`,
        ...xmlLines(b.fields, false, "  "),
        `</${root}>`,
      ].join("\n");
    }
    case "FORM":
      return formLines(b.fields, undefined, false).join("\n");
    case "TEXT":
      return textLines(b.fields, false, "").join("\n");
  }
}

// ---------------------------------------------------------------- reading templates

// A template read back as fields, or why it can't be shown as fields (it stays in text).
export type ReadResult = { ok: true; builder: PayloadBuilder } | { ok: false; reason: string };

const value = (key: string, v: string): BuilderField => ({
  id: newId(),
  kind: "value",
  key,
  value: v,
});
const group = (kind: "object" | "list", key: string, children: BuilderField[]): BuilderField => ({
  id: newId(),
  kind,
  key,
  children,
});

class NotFields extends Error {}
const notFields = (reason: string): never => {
  throw new NotFields(reason);
};

// Reads a template of a format as fields. Plain text of `name: value` lines (as `toTemplate`
// writes them) reads as those fields; any other text as one field `text` holding it all.
export function fromTemplate(
  format: PayloadFormat,
  template: string,
  root = DEFAULT_XML_ROOT,
): ReadResult {
  if (template.trim() === "") return { ok: true, builder: emptyBuilder(root) };
  try {
    switch (format) {
      case "JSON":
        return { ok: true, builder: { root, fields: jsonFields(parseJsonTemplate(template)) } };
      case "XML":
        return { ok: true, builder: xmlFields(template) };
      case "FORM":
        return { ok: true, builder: { root, fields: formFields(template) } };
      case "TEXT":
        return { ok: true, builder: { root, fields: textFields(template) } };
    }
  } catch (error) {
    if (error instanceof NotFields) return { ok: false, reason: error.message };
    if (error instanceof PayloadTemplateError)
      return { ok: false, reason: `Fix the template first — ${error.message}` };
    throw error;
  }
}

function jsonFields(node: JsonTemplateNode): BuilderField[] {
  if (node.kind !== "object")
    notFields("The payload is not a JSON object, so it can't be shown as fields.");
  const read = (key: string, n: JsonTemplateNode): BuilderField => {
    switch (n.kind) {
      case "string":
        return value(key, n.value);
      case "token":
        return value(key, `{{${n.path}}}`);
      case "object":
        return group(
          "object",
          key,
          n.entries.map(([k, v]) => read(k, v)),
        );
      case "array":
        return group(
          "list",
          key,
          n.items.map((item) => read("", item)),
        );
      case "literal":
        return notFields(
          `${key ? `“${key}” is` : "A list item is"} the literal ${JSON.stringify(n.value)}; fields hold text and tokens, so keep editing as text to send it as a ${n.value === null ? "null" : typeof n.value}.`,
        );
    }
  };
  return (node as Extract<JsonTemplateNode, { kind: "object" }>).entries.map(([k, v]) =>
    read(k, v),
  );
}

type XmlNode = Record<string, unknown> & { ":@"?: Record<string, string> };
const xmlParser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  commentPropName: "#comment",
  cdataPropName: "#cdata",
  trimValues: false,
  parseTagValue: false,
  processEntities: true,
  htmlEntities: false,
  ignoreDeclaration: true,
});

function xmlFields(template: string): PayloadBuilder {
  const [error] = xmlTemplateErrors(template);
  if (error) throw error;
  const elements = (nodes: XmlNode[]) =>
    nodes.filter((n) => {
      const name = nodeName(n);
      if (name === "#text") {
        if (String(n["#text"]).trim() !== "")
          notFields("The XML has text outside its elements, which fields can't show.");
        return false;
      }
      if (name === "#comment") notFields("The XML has a comment, which fields can't keep.");
      if (name === "#cdata") notFields("The XML has a CDATA section, which fields can't keep.");
      if (name.startsWith("?"))
        notFields("The XML has a processing instruction, which fields can't keep.");
      return true;
    });
  const read = (node: XmlNode): BuilderField => {
    const name = nodeName(node);
    if (node[":@"] && Object.keys(node[":@"]).length > 0)
      notFields(`The element <${name}> has attributes, which fields can't show.`);
    const content = node[name] as XmlNode[];
    const texts = content.filter((c) => nodeName(c) === "#text");
    const children = content.some((c) => nodeName(c) !== "#text") ? elements(content) : [];
    if (children.length === 0) return value(name, texts.map((t) => String(t["#text"])).join(""));
    const list = children.every((c) => nodeName(c) === "item");
    return group(list ? "list" : "object", name, children.map(read));
  };
  let parsed: XmlNode[];
  try {
    parsed = xmlParser.parse(template) as XmlNode[];
  } catch (error) {
    return notFields(`The XML can't be read as fields: ${(error as Error).message}`);
  }
  const top = elements(parsed);
  if (top.length !== 1) notFields("The XML needs exactly one root element.");
  const root = top[0]!;
  const rootField = read(root);
  if (rootField.kind !== "value") return { root: rootField.key, fields: rootField.children };
  if (rootField.value.trim() !== "")
    notFields(`The root element <${rootField.key}> holds text, which fields can't show.`);
  return { root: rootField.key, fields: [] };
}

const nodeName = (n: XmlNode) => Object.keys(n).find((k) => k !== ":@") ?? "#text";

// `a[b][0]` → ["a", "b", "0"]; a name without brackets is one segment.
const NESTED_NAME = /^([^[\]]+)((?:\[[^[\]]*\])+)$/;

function formFields(template: string): BuilderField[] {
  const top: BuilderField[] = [];
  const groups = new Map<string, BuilderField[]>();
  for (const pair of parseFormTemplate(template)) {
    const m = NESTED_NAME.exec(pair.name);
    const segments = m
      ? [m[1]!, ...[...m[2]!.matchAll(/\[([^[\]]*)\]/g)].map((s) => s[1]!)]
      : [pair.name];
    let siblings = top;
    let path = "";
    for (let i = 0; i < segments.length - 1; i++) {
      path += `[${segments[i]}]`;
      let children = groups.get(path);
      if (!children) {
        const isList = /^\d*$/.test(segments[i + 1]!);
        children = [];
        const key = formDecodeText(segments[i]!);
        if (siblings.some((f) => f.key === key && f.kind === "value"))
          notFields(`“${key}” is sent both as a value and as a group, which fields can't show.`);
        siblings.push(group(isList ? "list" : "object", key, children));
        groups.set(path, children);
      }
      siblings = children;
    }
    const key = formDecodeText(segments.at(-1)!);
    if (groups.has(`${path}[${segments.at(-1)}]`))
      notFields(`“${key}” is sent both as a value and as a group, which fields can't show.`);
    siblings.push(value(key, formDecodeText(pair.value)));
  }
  return top;
}

// Percent-decodes the literal runs of form text, keeping its tokens.
function formDecodeText(text: string): string {
  return splitTokens(text)
    .map((p) => (p.literal ? (new URLSearchParams(`v=${p.text}`).get("v") ?? "") : p.text))
    .join("");
}

const TEXT_LINE = /^( *)([^:\n]+?):(?: (.*))?$/;

function textFields(template: string): BuilderField[] {
  const lines = template.split(/\r?\n/).filter((l) => l.trim() !== "");
  const parsed = lines.map((l) => TEXT_LINE.exec(l));
  if (parsed.some((m) => !m || m[1]!.length % 2 !== 0)) return [value("text", template)];
  const top: BuilderField[] = [];
  const stack: { depth: number; children: BuilderField[] }[] = [{ depth: -1, children: top }];
  for (const [i, m] of parsed.entries()) {
    const depth = m![1]!.length / 2;
    while (stack.at(-1)!.depth >= depth) stack.pop();
    const parent = stack.at(-1)!;
    if (depth !== parent.depth + 1) return [value("text", template)];
    const next = parsed[i + 1];
    if (m![3] === undefined && next && next[1]!.length / 2 === depth + 1) {
      const children: BuilderField[] = [];
      parent.children.push(group("object", m![2]!, children));
      stack.push({ depth, children });
    } else parent.children.push(value(m![2]!, m![3] ?? ""));
  }
  return top;
}

// Converts a template from one format to another through the fields, or says why it can't.
export function convertTemplate(
  from: PayloadFormat,
  to: PayloadFormat,
  template: string,
  root = DEFAULT_XML_ROOT,
): { ok: true; template: string; builder: PayloadBuilder } | { ok: false; reason: string } {
  const read = fromTemplate(from, template, root);
  if (!read.ok) return read;
  return { ok: true, template: toTemplate(to, read.builder), builder: read.builder };
}

// Finds a field by id (for focusing and for the editor's labels).
export const getField = (b: PayloadBuilder, id: string) => findField(b.fields, id);
