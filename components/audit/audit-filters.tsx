"use client";

import { TimeRangeFilter } from "@/components/forms/time-range-filter";
import { SearchFilter } from "@/components/forms/search-filter";
import { useUrlFilters } from "@/components/forms/use-url-filters";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { auditActions } from "@/lib/audit/catalog";

/** The audit log's filters, kept in the URL (shareable; the back button works). */
export function AuditFilters({ actors }: { actors: { id: string; label: string }[] }) {
  const { params, set: update, q, setQ } = useUrlFilters({ history: "push", reset: ["cursor"] });

  return (
    <div role="search" className="grid gap-2 sm:grid-cols-2 lg:grid-cols-4">
      <SearchFilter
        label="Search by name"
        placeholder="Webhook name, API key or member e-mail"
        value={q}
        onChange={setQ}
        className="sm:col-span-2"
      />
      <NativeSelect
        aria-label="Filter by action"
        value={params.get("action") ?? ""}
        onChange={(e) => update("action", e.target.value)}
      >
        <NativeSelectOption value="">All actions</NativeSelectOption>
        {Object.entries(auditActions).map(([key, label]) => (
          <NativeSelectOption key={key} value={key}>
            {label}
          </NativeSelectOption>
        ))}
      </NativeSelect>
      <NativeSelect
        aria-label="Filter by person"
        value={params.get("actor") ?? ""}
        onChange={(e) => update("actor", e.target.value)}
      >
        <NativeSelectOption value="">Everyone</NativeSelectOption>
        {actors.map((a) => (
          <NativeSelectOption key={a.id} value={a.id}>
            {a.label}
          </NativeSelectOption>
        ))}
      </NativeSelect>
      <TimeRangeFilter params={params} update={update} />
    </div>
  );
}
