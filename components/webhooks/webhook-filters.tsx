"use client";

import { Search } from "lucide-react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { Input } from "@/components/ui/input";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { EventTypeOptions } from "@/components/events/event-type-options";

/** Event type, mode and search filters, kept in the URL so views can be shared. */
export function WebhookFilters() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [q, setQ] = useState(params.get("q") ?? "");

  const update = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    router.replace(`${pathname}${next.size ? `?${next}` : ""}`, { scroll: false });
  };

  // Search as the admin types, a moment after they stop.
  useEffect(() => {
    if (q === (params.get("q") ?? "")) return;
    const timer = setTimeout(() => update("q", q.trim()), 250);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q]);

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
