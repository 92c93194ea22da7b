"use client";

import { EyeOff } from "lucide-react";
import { useId } from "react";
import { Checkbox } from "@/components/ui/checkbox";
import type { TokenSection } from "@/lib/events/catalog";

type Props = {
  sections: readonly TokenSection[];
  value: readonly string[];
  onChange(next: string[]): void;
  error?: string;
};

/** Privacy: the tokens whose values are masked in the delivery log and test e-mails. */
export function RedactionPicker({ sections, value, onChange, error }: Props) {
  const id = useId();
  const chosen = new Set(value);
  const toggle = (path: string, on: boolean) =>
    onChange(on ? [...value, path] : value.filter((p) => p !== path));

  return (
    <div className="space-y-4">
      {sections.map((section) => (
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
      {value.length > 0 && (
        <p className="text-muted-foreground flex items-start gap-2 text-sm" aria-live="polite">
          <EyeOff className="mt-0.5 size-4 shrink-0" aria-hidden />
          {value.length === 1 ? "1 value is" : `${value.length} values are`} stored as
          “[redacted]”.
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
