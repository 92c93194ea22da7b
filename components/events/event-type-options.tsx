import { NativeSelectOption } from "@/components/ui/native-select";
import { eventGroups, eventTypesInGroup } from "@/lib/events/catalog";
import { isTimeBasedType } from "@/lib/events/time-based";

/**
 * Every event type as <option>s, grouped by event (Chat, Offline message, …); `sendable`
 * leaves out the time-based types, which only a timer makes.
 */
export function EventTypeOptions({ sendable = false }: { sendable?: boolean }) {
  return eventGroups.map((group) => (
    <optgroup key={group.key} label={group.label}>
      {eventTypesInGroup(group.key)
        .filter((t) => !(sendable && isTimeBasedType(t.key)))
        .map((t) => (
          <NativeSelectOption key={t.key} value={t.key}>
            {t.label}
          </NativeSelectOption>
        ))}
    </optgroup>
  ));
}
