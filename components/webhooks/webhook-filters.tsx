"use client";

import { Search } from "lucide-react";
import { useUrlFilters } from "@/components/forms/use-url-filters";
import { Input } from "@/components/ui/input";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { EventTypeOptions } from "@/components/events/event-type-options";

/** Event type, mode and search filters, kept in the URL so views can be shared. */
export function WebhookFilters() {
  const { params, set: update, q, setQ } = useUrlFilters();

  return (
    <div role="search" className="flex flex-col gap-2 sm:flex-row sm:items-center">
      <div className="relative sm:w-72">
        <Search
          className="text-muted-foreground pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2"
          aria-hidden
        />
        <Input
          type="search"
          aria-label="Search by name or URL"
          placeholder="Search name or URL"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          className="pl-8"
        />
      </div>
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
