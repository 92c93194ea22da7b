import type { ComponentProps } from "react";

import { cn } from "@/lib/utils";

// Shared look of text-like controls (input, textarea, native select), so they line up in forms.
// 16px text on phones stops iOS from zooming into a focused field; 14px from `sm` up.
export const controlClasses = cn(
  "focus-ring w-full min-w-0 rounded-md border border-input bg-background px-3 text-base shadow-xs sm:text-sm",
  "text-foreground placeholder:text-muted-foreground transition-[border-color,box-shadow]",
  "disabled:cursor-not-allowed disabled:bg-muted disabled:opacity-60",
  "aria-invalid:border-destructive aria-invalid:focus-visible:outline-destructive",
  "dark:bg-input/10",
);

// A single-line text field; pass `aria-invalid` to show the error border.
export function Input({ className, type = "text", ...props }: ComponentProps<"input">) {
  return (
    <input
      type={type}
      data-slot="input"
      className={cn(
        controlClasses,
        "h-9 py-1",
        "file:text-foreground file:mr-3 file:h-full file:border-0 file:bg-transparent file:text-sm file:font-medium",
        "read-only:bg-muted/50",
        className,
      )}
      {...props}
    />
  );
}
