import { catalogTokens, type TokenDefinition } from "@/lib/events/catalog-tokens";
import type { MetaSectionKey } from "@/lib/events/catalog-meta";
import type { JsonValue } from "@/lib/events/event-data";
import type { TokenType } from "@/lib/events/matches-token-type";

// Sections group an event's tokens; the key is the first segment of a token path.
export const sectionKeys = [
  "customer",
  "browser",
  "chat",
  "visitor",
  "pre_chat_survey",
  "ticket",
  "offline_message",
] as const;

// One of `sectionKeys`.
export type SectionKey = (typeof sectionKeys)[number];

// The heading shown above each section's tokens (as the LiveHelpNow seed names them).
export const sectionLabels: Readonly<Record<SectionKey, string>> = {
  customer: "Customer Data",
  browser: "Browser Data",
  chat: "Chat Data",
  visitor: "Visitor Data",
  pre_chat_survey: "Pre-chat Survey Data",
  ticket: "Ticket Data",
  offline_message: "Offline Message Data",
};

// One value an event type offers: `{{path}}` in a template, `data[section][key]` in an event.
export type Token = {
  readonly key: string;
  readonly path: string;
  readonly label: string;
  /** A catalog section, or a meta section (lib/events/catalog-meta.ts) for meta tokens. */
  readonly section: SectionKey | MetaSectionKey;
  readonly type: TokenType;
  readonly sample: JsonValue;
};

// A section of one event type with its tokens, in display order.
export type TokenSection = {
  readonly key: SectionKey;
  readonly label: string;
  readonly tokens: readonly Token[];
};

// The "Event" select of the webhook form.
export const eventGroups = [
  { key: "chat", label: "Chat" },
  { key: "offline_message", label: "Offline message" },
  { key: "visitor", label: "Visitor" },
  { key: "ticket", label: "Ticket" },
] as const;

// One of the `eventGroups` keys.
export type EventGroupKey = (typeof eventGroups)[number]["key"];

// An entry of `eventGroups`.
export type EventGroup = (typeof eventGroups)[number];

// Every event type key, as a tuple so it can feed `z.enum(eventTypeKeys)`.
export const eventTypeKeys = [
  "chat.opened",
  "chat.assigned",
  "chat.closed",
  "chat.tags_changed",
  "chat.not_assigned",
  "offline_message.created",
  "offline_message.answered",
  "offline_message.not_answered",
  "visitor.queued",
  "ticket.created",
] as const;

// One of `eventTypeKeys`; stored as `Webhook.eventType`.
export type EventTypeKey = (typeof eventTypeKeys)[number];

// The "Event type" select: a trigger with the tokens its payload can use.
export type EventType = {
  readonly key: EventTypeKey;
  readonly label: string;
  readonly group: EventGroupKey;
  readonly description: string;
  readonly sections: readonly TokenSection[];
  readonly tokens: readonly Token[];
};

const { customer, browser, chat, visitor, preChatSurvey, ticket, offlineMessage, offlineAnswer } =
  catalogTokens;

const prechat = ["prechat_field_1", "prechat_field_2", "prechat_field_3", "prechat_field_4"];
const names = ["customer_first_name", "customer_last_name", "customer_full_name"];
const operator = ["operator_email", "operator_id", "operator_username", "custom_id"];
// Why this order: it is the seed's own (alphabetical, so 10 sorts after 1).
const customIdentifiers = [1, 10, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `custom_identifier_${n}`);

// Chat Data per type, exactly as the LiveHelpNow seed lists it.
const chatOpened = ["session_id", "window_id", "customer_email", ...prechat, ...names];
const chatAssigned = [
  "session_id",
  "window_id",
  ...operator,
  "customer_email",
  "hubspot_id",
  "phone_id",
  ...prechat,
  "salesforce_id",
  ...names,
];
const chatClosed = [
  "session_id",
  "transcript_url",
  "window_id",
  ...operator,
  ...customIdentifiers,
  "transcript",
  "customer_email",
  "hubspot_id",
  "phone_id",
  ...prechat,
  "salesforce_id",
  ...names,
  "started_at",
  "ended_at",
];
const chatTagsChanged = [
  "session_id",
  "tags",
  "added_tags",
  "removed_tags",
  "started_at",
  "ended_at",
  "operator_email",
];

function pick(
  from: Readonly<Record<string, TokenDefinition>>,
  keys: readonly string[],
): TokenDefinition[] {
  return keys.map((key) => {
    const token = from[key];
    if (!token) throw new Error(`catalog: no token definition "${key}"`);
    return token;
  });
}

function section(key: SectionKey, definitions: readonly TokenDefinition[]): TokenSection {
  const tokens = definitions.map((d) => ({ ...d, section: key, path: `${key}.${d.key}` }));
  return { key, label: sectionLabels[key], tokens };
}

type EventTypeDefinition = Omit<EventType, "key" | "tokens">;

const chatOpenedSections = [
  section("customer", customer),
  section("browser", browser),
  section("chat", pick(chat, chatOpened)),
];
const offlineMessageSections = [
  section("customer", customer),
  section("browser", browser),
  section("offline_message", offlineMessage),
];

const definitions: Record<EventTypeKey, EventTypeDefinition> = {
  "chat.opened": {
    label: "Chat Opened",
    group: "chat",
    description: "Sent when a visitor starts a chat, before an operator picks it up.",
    sections: chatOpenedSections,
  },
  "chat.assigned": {
    label: "Chat Assigned",
    group: "chat",
    description: "Sent when a chat is assigned to an operator.",
    sections: [
      section("customer", customer),
      section("browser", browser),
      section("chat", pick(chat, chatAssigned)),
    ],
  },
  "chat.closed": {
    label: "Chat Closed",
    group: "chat",
    description: "Sent when a chat ends, with its transcript and its start and end times.",
    sections: [
      section("customer", customer),
      section("browser", browser),
      section("chat", pick(chat, chatClosed)),
    ],
  },
  "chat.tags_changed": {
    label: "Chat Tags Changed",
    group: "chat",
    description: "Sent when the tags of a chat change, whether the chat is still active or not.",
    sections: [
      section("chat", pick(chat, chatTagsChanged)),
      section("visitor", pick(visitor, ["id", "name", "email", "custom_variables"])),
    ],
  },
  "chat.not_assigned": {
    label: "Chat Not Assigned in Time",
    group: "chat",
    description:
      "Sent when a chat opened and was neither assigned nor closed within the time you set, with the Chat Opened data.",
    sections: chatOpenedSections,
  },
  "offline_message.created": {
    label: "Offline Message",
    group: "offline_message",
    description: "Sent when a visitor leaves a message while no operator is available.",
    sections: offlineMessageSections,
  },
  "offline_message.answered": {
    label: "Offline Message Answered",
    group: "offline_message",
    description: "Sent when an operator answers an offline message.",
    sections: [section("offline_message", [...offlineMessage, ...offlineAnswer])],
  },
  "offline_message.not_answered": {
    label: "Offline Message Not Answered in Time",
    group: "offline_message",
    description:
      "Sent when an offline message was not answered within the time you set, with the Offline Message data.",
    sections: offlineMessageSections,
  },
  "visitor.queued": {
    label: "Visitor Queued",
    group: "visitor",
    description: "Sent when a visitor joins the queue to wait for an operator.",
    sections: [
      section(
        "visitor",
        pick(visitor, [
          "id",
          "name",
          "email",
          "custom_variables",
          "ip_address",
          "country",
          "current_page_url",
          "department_id",
          "queue_position",
          "queued_at",
        ]),
      ),
      section("pre_chat_survey", preChatSurvey),
      section("browser", browser),
    ],
  },
  "ticket.created": {
    label: "Ticket Created",
    group: "ticket",
    description: "Sent when a new support ticket is created.",
    sections: [section("ticket", ticket)],
  },
};

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
}

// Every event type, in `eventTypeKeys` order; frozen, so samples can't be changed by callers.
export const eventTypes: readonly EventType[] = deepFreeze(
  eventTypeKeys.map((key) => {
    const d = definitions[key];
    return { key, ...d, tokens: d.sections.flatMap((s) => s.tokens) };
  }),
);

const byKey = new Map<string, EventType>(eventTypes.map((t) => [t.key, t]));

// True when `value` is a known event type key.
export function isEventTypeKey(value: unknown): value is EventTypeKey {
  return typeof value === "string" && byKey.has(value);
}

// The event type with this key (undefined for an unknown string).
export function getEventType(key: EventTypeKey): EventType;
export function getEventType(key: string): EventType | undefined;
export function getEventType(key: string): EventType | undefined {
  return byKey.get(key);
}

// The event types of one "Event" group, for the dependent select.
export function eventTypesInGroup(group: EventGroupKey): readonly EventType[] {
  return eventTypes.filter((t) => t.group === group);
}

// The sections (with their tokens) of an event type; empty for an unknown key.
export function tokensBySection(eventTypeKey: string): readonly TokenSection[] {
  return byKey.get(eventTypeKey)?.sections ?? [];
}

// The token at `path` (e.g. "chat.transcript") of an event type, if it offers one.
export function findToken(eventTypeKey: string, path: string): Token | undefined {
  return byKey.get(eventTypeKey)?.tokens.find((t) => t.path === path);
}
