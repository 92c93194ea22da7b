import type { ComponentProps } from "react";

import { controlClasses } from "@/components/ui/input";
import { cn } from "@/lib/utils";

// A multi-line text field that grows with its content (field-sizing) up to the caller's max height.
export function Textarea({ className, rows = 3, ...props }: ComponentProps<"textarea">) {
  return (
    <textarea
      rows={rows}
      data-slot="textarea"
      className={cn(
        controlClasses,
        "field-sizing-content min-h-16 py-2 leading-relaxed",
        className,
      )}
      {...props}
    />
  );
}
