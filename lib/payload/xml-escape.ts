// Characters XML 1.0 forbids anywhere: C0 controls other than tab/LF/CR, U+FFFE, U+FFFF,
// and lone surrogate halves (no `u` flag, so the regex sees UTF-16 code units).
const INVALID_XML_CHARS =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// Removes the characters XML 1.0 can't carry, even escaped.
export function stripInvalidXmlChars(value: string): string {
  return value.replace(INVALID_XML_CHARS, "");
}

const TEXT_ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
  // Why: parsers turn a raw CR into LF (and tab/LF in attributes into spaces); references survive.
  "\r": "&#13;",
  "\n": "&#10;",
  "\t": "&#9;",
};

// Escapes sanitized text for element content (& < > " ' and CR).
export function escapeXmlText(value: string): string {
  return stripInvalidXmlChars(value).replace(/[&<>"'\r]/g, (c) => TEXT_ENTITIES[c] ?? c);
}

// Escapes sanitized text for a quoted attribute value (also tab and LF, which would become spaces).
export function escapeXmlAttribute(value: string): string {
  return stripInvalidXmlChars(value).replace(/[&<>"'\r\n\t]/g, (c) => TEXT_ENTITIES[c] ?? c);
}

// A value inside `<![CDATA[…]]>`: the section is closed around it and the value goes in as
// escaped text, so no "]]>" can form with the template's own brackets; the element's text is the same.
export function escapeXmlCdata(value: string): string {
  return `]]>${escapeXmlText(value)}<![CDATA[`;
}

// A value inside `<!-- … -->`: "--" is split, and spaces on both sides keep the value from
// forming "--" with the template's own dashes (even when it is empty).
export function escapeXmlComment(value: string): string {
  return ` ${stripInvalidXmlChars(value).replace(/-(?=-)/g, "- ")} `;
}
