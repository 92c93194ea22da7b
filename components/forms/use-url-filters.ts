"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";

/**
 * Filters kept in the URL's search params, so a filtered view can be shared. `set` writes one
 * param (an empty value removes it) and drops the `reset` params (e.g. a page cursor that
 * belonged to the old filter). `history: "push"` makes each change a Back step. The search
 * text `q` is written a moment after typing stops.
 */
export function useUrlFilters({
  history = "replace",
  reset = [],
}: { history?: "push" | "replace"; reset?: string[] } = {}) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [q, setQ] = useState(params.get("q") ?? "");

  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    for (const name of reset) next.delete(name);
    router[history](`${pathname}${next.size ? `?${next}` : ""}`, { scroll: false });
  };

  useEffect(() => {
    if (q === (params.get("q") ?? "")) return;
    const timer = setTimeout(() => set("q", q.trim()), 250);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q]);

  return { params, set, q, setQ };
}
