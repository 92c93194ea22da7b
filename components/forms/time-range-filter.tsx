"use client";

import { Input } from "@/components/ui/input";
import { fromUtcInputValue, toUtcInputValue } from "@/lib/format";

/**
 * From/To inputs for a filter kept in the URL: datetime-local in UTC, like every time the
 * tables show; the URL keeps ISO instants (`from`, `to`).
 */
export function TimeRangeFilter({
  params,
  update,
}: {
  params: URLSearchParams;
  update(key: string, value: string): void;
}) {
  const local = (iso: string | null) => (iso ? toUtcInputValue(iso) : "");
  const setTime = (key: string, value: string) => update(key, fromUtcInputValue(value) ?? "");
  return (
    <>
      {(["from", "to"] as const).map((key) => {
        const label = key === "from" ? "From" : "To";
        return (
          <label key={key} className="text-muted-foreground flex items-center gap-2 text-sm">
            {/* The zone under the word, so the input keeps its width in the filter grid. */}
            <span className="w-9 shrink-0 leading-tight">
              {label}
              <span aria-hidden className="block text-[10px] tracking-wide">
                UTC
              </span>
            </span>
            <Input
              type="datetime-local"
              aria-label={`${label} (UTC)`}
              value={local(params.get(key))}
              onChange={(e) => setTime(key, e.target.value)}
            />
          </label>
        );
      })}
    </>
  );
}
