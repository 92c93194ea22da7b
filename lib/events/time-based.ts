import { eventTypeKeys, type EventTypeKey } from "@/lib/events/catalog";
import type { EventData } from "@/lib/events/event-data";

// Time-based event types fire when something did NOT happen in time: an opening event arrives
// and no answering event for the same key (chat or message id) follows within the webhook's
// threshold. The fired event carries the opening event's data. Ingest schedules a timer per
// webhook (lib/events/ingest.ts); the engine fires it (lib/delivery/timers.ts).

export type TimeBasedRule = {
  /** The event that starts the clock. */
  readonly opening: EventTypeKey;
  /** Events that stop it. */
  readonly answering: readonly EventTypeKey[];
  /** The token identifying the chat or message, in both the opening and answering events. */
  readonly keyToken: readonly [section: string, key: string];
  /** How the form asks for the threshold; stored in seconds either way. */
  readonly unit: "seconds" | "minutes";
  /** Allowed threshold, in `unit`. */
  readonly min: number;
  readonly max: number;
};

export const timeBasedRules = {
  "chat.not_assigned": {
    opening: "chat.opened",
    answering: ["chat.assigned", "chat.closed"],
    keyToken: ["chat", "session_id"],
    unit: "seconds",
    min: 10,
    max: 86_400,
  },
  "offline_message.not_answered": {
    opening: "offline_message.created",
    answering: ["offline_message.answered"],
    keyToken: ["offline_message", "id"],
    unit: "minutes",
    min: 1,
    max: 10_080,
  },
} as const satisfies Partial<Record<EventTypeKey, TimeBasedRule>>;

export type TimeBasedType = keyof typeof timeBasedRules;

const entries = Object.entries(timeBasedRules) as [TimeBasedType, TimeBasedRule][];

// The rule of a time-based event type, or undefined for any other type.
export function timeBasedRule(eventType: string): TimeBasedRule | undefined {
  return entries.find(([type]) => type === eventType)?.[1];
}

// True for the types no sender may post: they are made here, when a timer fires.
export function isTimeBasedType(eventType: string): eventType is TimeBasedType {
  return timeBasedRule(eventType) !== undefined;
}

// The event types a sender may post (the API, the simulator): all but the time-based ones.
export const sendableEventTypeKeys: readonly EventTypeKey[] = eventTypeKeys.filter(
  (type) => !isTimeBasedType(type),
);

// The time-based types an event of this type starts a timer for.
export function typesOpenedBy(eventType: string): TimeBasedType[] {
  return entries.filter(([, r]) => r.opening === eventType).map(([type]) => type);
}

// The time-based types whose timers an event of this type cancels.
export function typesAnsweredBy(eventType: string): TimeBasedType[] {
  return entries
    .filter(([, r]) => (r.answering as readonly string[]).includes(eventType))
    .map(([type]) => type);
}

// The chat or message id an opening or answering event is about (null when it has none).
export function timerKey(eventType: string, data: EventData): string | null {
  const rule = timeBasedRule([...typesOpenedBy(eventType), ...typesAnsweredBy(eventType)][0] ?? "");
  if (!rule) return null;
  const [section, key] = rule.keyToken;
  const value = (data[section] as Record<string, unknown> | undefined)?.[key];
  if (typeof value === "number") return String(value);
  return typeof value === "string" && value.length > 0 ? value.slice(0, 320) : null;
}

// What an Inngest timer run waits for: the same organization, time-based type and key.
export function timerMatchKey(organizationId: string, type: TimeBasedType, key: string): string {
  return `${organizationId}:${type}:${key}`;
}

// Seconds per unit of the form's threshold field.
export const unitSeconds = { seconds: 1, minutes: 60 } as const;
