import { NativeSelectOption } from "@/components/ui/native-select";
import { eventGroups, eventTypesInGroup } from "@/lib/events/catalog";

/** Every event type as <option>s, grouped by event (Chat, Offline message, …). */
export function EventTypeOptions() {
  return eventGroups.map((group) => (
    <optgroup key={group.key} label={group.label}>
      {eventTypesInGroup(group.key).map((t) => (
        <NativeSelectOption key={t.key} value={t.key}>
          {t.label}
        </NativeSelectOption>
      ))}
    </optgroup>
  ));
}
