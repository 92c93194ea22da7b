// Public API of payload templating: render, validate, find tokens, build a full template.
export {
  fullPayloadTemplate,
  presetBuilder,
  payloadPresets,
  presetInfo,
  presetUnavailable,
  type PayloadPreset,
} from "@/lib/payload/full-payload";
export {
  payloadContentTypes,
  payloadFormats,
  sendsInQuery,
  type PayloadFormat,
} from "@/lib/payload/payload-format";
export { PayloadTemplateError, type TemplateLocation } from "@/lib/payload/payload-template-error";
export { renderPayload, type RenderedPayload, type RenderPayloadInput } from "@/lib/payload/render";
export { resolveToken, tokenText } from "@/lib/payload/resolve-token";
export {
  findMalformedTokens,
  findTokens,
  unknownTokens,
  wholeTokenPath,
  type MalformedToken,
  type TokenMatch,
} from "@/lib/payload/tokens";
export {
  validateTemplate,
  type TemplateIssue,
  type ValidateTemplateInput,
} from "@/lib/payload/validate";
