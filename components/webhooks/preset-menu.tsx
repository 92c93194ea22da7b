"use client";

import { ChevronDown, Sparkles } from "lucide-react";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import {
  payloadPresets,
  presetInfo,
  presetUnavailable,
  type PayloadFormat,
  type PayloadPreset,
} from "@/lib/payload";

type Props = { format: PayloadFormat; disabled: boolean; onChoose(preset: PayloadPreset): void };

/** "Start from full payload": a menu of envelope presets; those the format can't carry say why. */
export function PresetMenu({ format, disabled, onChoose }: Props) {
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="outline" disabled={disabled}>
          <Sparkles aria-hidden /> Start from full payload <ChevronDown aria-hidden />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-80">
        <DropdownMenuLabel>Every token of this event type, in the envelope of</DropdownMenuLabel>
        {payloadPresets.map((preset) => {
          const unavailable = presetUnavailable(preset, format);
          return (
            <DropdownMenuItem
              key={preset}
              disabled={unavailable !== undefined}
              onSelect={() => onChoose(preset)}
              className="flex-col items-start gap-0.5"
            >
              <span className="font-medium">{presetInfo[preset].label}</span>
              <span className="text-muted-foreground text-xs">
                {unavailable ?? presetInfo[preset].description}
              </span>
            </DropdownMenuItem>
          );
        })}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
