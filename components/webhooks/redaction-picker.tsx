"use client";

import { ChevronDown, EyeOff } from "lucide-react";
import { useId, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import type { TokenSection } from "@/lib/events/catalog";

type Props = {
  sections: readonly TokenSection[];
  value: readonly string[];
  onChange(next: string[]): void;
  error?: string;
};

/**
 * Privacy: the tokens whose values are masked in the delivery log and test e-mails. The
 * checkboxes (one per token) open on demand; closed, the masked ones are listed.
 */
export function RedactionPicker({ sections, value, onChange, error }: Props) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const chosen = new Set(value);
  const toggle = (path: string, on: boolean) =>
    onChange(on ? [...value, path] : value.filter((p) => p !== path));
  const labels = new Map(sections.flatMap((s) => s.tokens.map((t) => [t.path, t.label])));

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-2">
        {value.length === 0 && (
          <span className="text-muted-foreground text-sm">Nothing is masked.</span>
        )}
        {value.map((path) => (
          <Badge key={path} variant="secondary">
            {labels.get(path) ?? path}
          </Badge>
        ))}
        <Button
          type="button"
          variant="outline"
          size="sm"
          aria-expanded={open}
          aria-controls={`${id}-tokens`}
          onClick={() => setOpen(!open)}
        >
          {open ? "Done" : "Choose values to mask"}
          <ChevronDown aria-hidden className={open ? "rotate-180" : undefined} />
        </Button>
      </div>
      <div id={`${id}-tokens`} className="space-y-4">
        {open &&
          sections.map((section) => (
            <fieldset key={section.key} aria-label={`Mask ${section.label}`}>
              <legend className="text-muted-foreground mb-2 text-xs font-medium tracking-wide uppercase">
                {section.label}
              </legend>
              <div className="grid gap-x-4 gap-y-2 sm:grid-cols-2 lg:grid-cols-3">
                {section.tokens.map((token) => {
                  const checkboxId = `${id}-${token.path}`;
                  return (
                    <div key={token.path} className="flex items-center gap-2">
                      <Checkbox
                        id={checkboxId}
                        checked={chosen.has(token.path)}
                        onCheckedChange={(on) => toggle(token.path, on === true)}
                      />
                      <label htmlFor={checkboxId} className="text-sm">
                        {token.label}
                      </label>
                    </div>
                  );
                })}
              </div>
            </fieldset>
          ))}
      </div>
      {value.length > 0 && (
        <p className="text-muted-foreground flex items-start gap-2 text-sm" aria-live="polite">
          <EyeOff className="mt-0.5 size-4 shrink-0" aria-hidden />
          {value.length === 1 ? "1 value is" : `${value.length} values are`} stored as “[redacted]”.
        </p>
      )}
      {error && (
        <p role="alert" className="text-destructive text-sm">
          {error}
        </p>
      )}
    </div>
  );
}
