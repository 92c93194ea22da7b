"use client";

import { Plus } from "lucide-react";
import { useId, useState } from "react";
import { Input } from "@/components/ui/input";
import type { Token } from "@/lib/events/catalog";

// A heading and its tokens: an event type's section, or the meta tokens' "Delivery" group.
type TokenGroup = { key: string; label: string; tokens: readonly Token[] };

type Props = {
  sections: readonly TokenGroup[];
  onInsert(path: string): void;
  disabled?: boolean;
  /** What a click does, under the heading. */
  hint: string;
};

/** The tokens the chosen event type offers, grouped as in the seed; a click inserts one. */
export function TokenPalette({ sections, onInsert, disabled, hint }: Props) {
  const [filter, setFilter] = useState("");
  const headingId = useId();
  const needle = filter.trim().toLowerCase();
  const shown = sections
    .map((s) => ({
      ...s,
      tokens: s.tokens.filter(
        (t) => !needle || t.label.toLowerCase().includes(needle) || t.path.includes(needle),
      ),
    }))
    .filter((s) => s.tokens.length > 0);

  return (
    <section
      aria-labelledby={headingId}
      className="bg-muted/30 flex h-full flex-col rounded-md border"
    >
      <div className="space-y-2 border-b p-3">
        <h3 id={headingId} className="text-sm font-semibold">
          Tokens
        </h3>
        <p className="text-muted-foreground text-xs">{hint}</p>
        <Input
          type="search"
          aria-label="Filter tokens"
          placeholder="Filter tokens"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          className="h-8 text-sm"
        />
      </div>
      <div className="max-h-96 flex-1 space-y-4 overflow-y-auto p-3 lg:max-h-[26rem]">
        {shown.length === 0 && (
          <p className="text-muted-foreground text-sm">No token matches “{filter}”.</p>
        )}
        {shown.map((section) => (
          <div key={section.key} role="group" aria-label={section.label}>
            <h4 className="text-muted-foreground mb-1.5 text-xs font-medium tracking-wide uppercase">
              {section.label}
            </h4>
            <ul className="space-y-0.5">
              {section.tokens.map((token) => (
                <li key={token.path}>
                  <button
                    type="button"
                    disabled={disabled}
                    onClick={() => onInsert(token.path)}
                    title={`{{${token.path}}}`}
                    className="focus-ring group hover:bg-accent flex w-full items-center gap-2 rounded-md px-2 py-1 text-left text-sm disabled:cursor-not-allowed disabled:opacity-60"
                  >
                    <Plus
                      className="text-muted-foreground group-hover:text-foreground size-3.5 shrink-0"
                      aria-hidden
                    />
                    <span className="min-w-0 flex-1 truncate">{token.label}</span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </section>
  );
}
