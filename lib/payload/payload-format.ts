// Body formats of a webhook payload; the same names as the Prisma enum `PayloadFormat`.
export const payloadFormats = ["JSON", "XML", "FORM", "TEXT"] as const;

// One of `payloadFormats` (a plain union so client code never imports Prisma).
export type PayloadFormat = (typeof payloadFormats)[number];

/** Whether a verb sends the payload as query parameters (Form-encoded) instead of a body. */
export const sendsInQuery = (verb: string) => verb === "GET" || verb === "DELETE";

// The Content-Type header sent with each format.
export const payloadContentTypes: Readonly<Record<PayloadFormat, string>> = {
  JSON: "application/json; charset=utf-8",
  XML: "application/xml; charset=utf-8",
  FORM: "application/x-www-form-urlencoded",
  TEXT: "text/plain; charset=utf-8",
};
