"use client";

import { SearchFilter } from "@/components/forms/search-filter";
import { useUrlFilters } from "@/components/forms/use-url-filters";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { EventTypeOptions } from "@/components/events/event-type-options";

/** Event type, mode and search filters, kept in the URL so views can be shared. */
export function WebhookFilters() {
  const { params, set: update, q, setQ } = useUrlFilters();

  return (
    <div role="search" className="flex flex-col gap-2 sm:flex-row sm:items-center">
      <SearchFilter
        label="Search by name or URL"
        placeholder="Search name or URL"
        value={q}
        onChange={setQ}
        className="sm:w-72"
      />
      <NativeSelect
        aria-label="Filter by event type"
        value={params.get("eventType") ?? ""}
        onChange={(e) => update("eventType", e.target.value)}
        wrapperClassName="sm:w-52"
      >
        <NativeSelectOption value="">All event types</NativeSelectOption>
        <EventTypeOptions />
      </NativeSelect>
      <NativeSelect
        aria-label="Filter by mode"
        value={params.get("mode") ?? ""}
        onChange={(e) => update("mode", e.target.value)}
        wrapperClassName="sm:w-36"
      >
        <NativeSelectOption value="">Test and Live</NativeSelectOption>
        <NativeSelectOption value="test">Test mode</NativeSelectOption>
        <NativeSelectOption value="live">Live</NativeSelectOption>
      </NativeSelect>
    </div>
  );
}
