import type { EventData } from "@/lib/events/event-data";
import { resolveToken, tokenText } from "@/lib/payload/resolve-token";
import {
  escapeXmlAttribute,
  escapeXmlCdata,
  escapeXmlComment,
  escapeXmlText,
  stripInvalidXmlChars,
} from "@/lib/payload/xml-escape";
import {
  scanXmlTemplate,
  xmlTemplateErrors,
  type XmlTokenContext,
} from "@/lib/payload/xml-template";

const encoders: Readonly<Record<XmlTokenContext, (value: string) => string>> = {
  text: escapeXmlText,
  attribute: escapeXmlAttribute,
  cdata: escapeXmlCdata,
  comment: escapeXmlComment,
  instruction: escapeXmlText,
  markup: escapeXmlText, // unreachable: rejected by xmlTemplateErrors
};

// Renders an XML template: checks it is well-formed, then inserts each value escaped for
// where it stands (text, attribute, CDATA, comment). Throws PayloadTemplateError when malformed.
export function renderXml(template: string, data: EventData): string {
  if (template.trim() === "") return "";
  const [error] = xmlTemplateErrors(template);
  if (error) throw error;
  const tokens = scanXmlTemplate(template);
  let body = "";
  let last = 0;
  for (const token of tokens) {
    body += stripInvalidXmlChars(template.slice(last, token.start));
    body += encoders[token.context](tokenText(resolveToken(data, token.path)));
    last = token.end;
  }
  return body + stripInvalidXmlChars(template.slice(last));
}
