import { getEventType, type EventType, type EventTypeKey } from "@/lib/events/catalog";
import {
  emptyBuilder,
  toTemplate,
  type BuilderField,
  type PayloadBuilder,
} from "@/lib/payload/builder";
import type { PayloadFormat } from "@/lib/payload/payload-format";

// "Start from full payload": a template with every token of the event type, in the chosen
// format, either flat (LiveHelpNow) or inside the envelope another chat platform sends.

// The envelopes offered; "flat" is every token grouped by section, in every format.
export const payloadPresets = ["flat", "livechat", "liveperson", "livesupporti"] as const;

// One of `payloadPresets`.
export type PayloadPreset = (typeof payloadPresets)[number];

// The menu's label and one line on each preset.
export const presetInfo: Readonly<Record<PayloadPreset, { label: string; description: string }>> = {
  flat: { label: "Flat", description: "Every token, grouped by section (LiveHelpNow)." },
  livechat: {
    label: "LiveChat style",
    description: "event_type with chat, visitor, pre_chat_survey and ticket blocks.",
  },
  liveperson: {
    label: "LivePerson style",
    description: "A commonHeader (account, uid, time, type, subscription) and data.",
  },
  livesupporti: {
    label: "LiveSupporti style",
    description: "Id, Attempt, Properties and Notifications[0].Data.",
  },
};

// Why a preset cannot be used with a format, or undefined when it can: envelopes are fields
// (JSON, XML, Form); plain text has only the flat list.
export function presetUnavailable(
  preset: PayloadPreset,
  format: PayloadFormat,
): string | undefined {
  if (preset === "flat" || format !== "TEXT") return undefined;
  return "An envelope of fields: choose JSON, XML or Form to use it.";
}

const token = (path: string) => `{{${path}}}`;

type Body = { [key: string]: string | Body | Body[] };

const sectionTokens = (s: EventType["sections"][number]): Body =>
  Object.fromEntries(s.tokens.map((t) => [t.key, token(t.path)]));

// Section → key → token: the flat JSON body, and the `data` of the envelopes.
const sectionsBody = (type: EventType): Body =>
  Object.fromEntries(type.sections.map((s) => [s.key, sectionTokens(s)]));

// LiveChat (seed 001, "Webhook data types"): `event_type` and one block per data type. Customer
// data is LiveChat's `visitor`, with the browser inside it; `pre_chat_survey` is the array itself.
function liveChatBody(type: EventType): Body {
  const body: Body = { event_type: token("event.type") };
  const visitor = (): Body => (body.visitor ??= {}) as Body;
  for (const s of type.sections) {
    if (s.key === "pre_chat_survey") body.pre_chat_survey = token("pre_chat_survey.responses");
    else if (s.key === "browser") visitor().browser = sectionTokens(s);
    else if (s.key === "customer" || s.key === "visitor")
      Object.assign(visitor(), sectionTokens(s));
    // chat and ticket are LiveChat's own; offline_message has no LiveChat data type.
    else body[s.key] = sectionTokens(s);
  }
  return body;
}

// LivePerson (seed 004, "Common Header"). uid is the event's id ("the original source event");
// the subscription is this webhook. eventTimestamp carries ISO 8601 text, not epoch ms.
const livePersonBody = (type: EventType): Body => ({
  commonHeader: {
    accountId: token("organization.id"),
    uid: token("event.id"),
    schemaVersion: "1-0-0",
    eventTimestamp: token("event.occurredAt"),
    eventType: token("event.type"),
    webhookSubscriptionId: token("webhook.id"),
  },
  data: sectionsBody(type),
});

// LiveSupporti (seed 002, "Chat started WebHook"): Id identifies this firing (the delivery,
// stable across retries), Attempt counts them, Data holds the account and the event's sections.
const liveSupportiBody = (type: EventType): Body => ({
  Id: token("delivery.id"),
  Attempt: token("delivery.attempt"),
  Properties: {
    EventId: token("event.id"),
    EventType: token("event.type"),
    OccurredAt: token("event.occurredAt"),
  },
  Notifications: [{ Data: { AccountId: token("organization.id"), ...sectionsBody(type) } }],
});

const jsonBodies: Readonly<Record<PayloadPreset, (type: EventType) => Body>> = {
  flat: sectionsBody,
  livechat: liveChatBody,
  liveperson: livePersonBody,
  livesupporti: liveSupportiBody,
};

const toFields = (body: Body): BuilderField[] =>
  Object.entries(body).map(([key, value]) => toField(key, value));
let presetIds = 0;
function toField(key: string, value: Body[string]): BuilderField {
  const id = `preset${++presetIds}`;
  if (typeof value === "string") return { id, kind: "value", key, value };
  if (Array.isArray(value))
    return { id, kind: "list", key, children: value.map((item) => toField("", item)) };
  return { id, kind: "object", key, children: toFields(value) };
}

// A preset as builder fields. Flat Form names its fields `section_key` (as LiveHelpNow's
// flat forms do) rather than nesting them.
export function presetBuilder(
  eventTypeKey: EventTypeKey,
  preset: PayloadPreset,
  format: PayloadFormat,
): PayloadBuilder {
  const type = getEventType(eventTypeKey);
  if (preset === "flat" && format === "FORM")
    return {
      ...emptyBuilder(),
      fields: toFields(
        Object.fromEntries(type.tokens.map((t) => [`${t.section}_${t.key}`, token(t.path)])),
      ),
    };
  return { ...emptyBuilder(), fields: toFields(jsonBodies[preset](type)) };
}

// The template of a preset for an event type in a format; whole-token JSON values keep their
// types. Throws for a preset the format cannot carry (see presetUnavailable).
export function fullPayloadTemplate(
  format: PayloadFormat,
  eventTypeKey: EventTypeKey,
  preset: PayloadPreset = "flat",
): string {
  const unavailable = presetUnavailable(preset, format);
  if (unavailable) throw new Error(`${presetInfo[preset].label}: ${unavailable}`);
  if (format !== "TEXT") return toTemplate(format, presetBuilder(eventTypeKey, preset, format));
  return getEventType(eventTypeKey)
    .sections.map((s) =>
      [s.label, ...s.tokens.map((t) => `${t.label}: ${token(t.path)}`)].join("\n"),
    )
    .join("\n\n");
}
