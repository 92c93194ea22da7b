"use client";

import { EventTypeOptions } from "@/components/events/event-type-options";
import { TimeRangeFilter } from "@/components/forms/time-range-filter";
import { SearchFilter } from "@/components/forms/search-filter";
import { useUrlFilters } from "@/components/forms/use-url-filters";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";

/** The delivery log's filters, kept in the URL (shareable; the back button works). */
export function DeliveryFilters({ webhooks }: { webhooks: { id: string; name: string }[] }) {
  const { params, set: update, q, setQ } = useUrlFilters({ history: "push", reset: ["cursor"] });

  return (
    <div role="search" className="grid gap-2 sm:grid-cols-2 lg:grid-cols-4">
      <SearchFilter
        label="Search by event id, chat id or customer e-mail"
        placeholder="Event id, chat id or customer e-mail"
        value={q}
        onChange={setQ}
        className="sm:col-span-2"
      />
      <NativeSelect
        aria-label="Filter by webhook"
        value={params.get("webhook") ?? ""}
        onChange={(e) => update("webhook", e.target.value)}
      >
        <NativeSelectOption value="">All webhooks</NativeSelectOption>
        {webhooks.map((w) => (
          <NativeSelectOption key={w.id} value={w.id}>
            {w.name}
          </NativeSelectOption>
        ))}
      </NativeSelect>
      <NativeSelect
        aria-label="Filter by event type"
        value={params.get("eventType") ?? ""}
        onChange={(e) => update("eventType", e.target.value)}
      >
        <NativeSelectOption value="">All event types</NativeSelectOption>
        <EventTypeOptions />
      </NativeSelect>
      <NativeSelect
        aria-label="Filter by status"
        value={params.get("status") ?? ""}
        onChange={(e) => update("status", e.target.value)}
      >
        <NativeSelectOption value="">Any status</NativeSelectOption>
        <NativeSelectOption value="succeeded">Delivered</NativeSelectOption>
        <NativeSelectOption value="failed">Failed</NativeSelectOption>
        <NativeSelectOption value="pending">Pending or retrying</NativeSelectOption>
      </NativeSelect>
      <NativeSelect
        aria-label="Filter by mode"
        value={params.get("mode") ?? ""}
        onChange={(e) => update("mode", e.target.value)}
      >
        <NativeSelectOption value="">Test and Live</NativeSelectOption>
        <NativeSelectOption value="test">Test mode</NativeSelectOption>
        <NativeSelectOption value="live">Live</NativeSelectOption>
      </NativeSelect>
      <TimeRangeFilter params={params} update={update} />
    </div>
  );
}
