import type { ComponentProps } from "react";

import { cn } from "@/lib/utils";

// A pulsing placeholder block for loading states; size it with classes (h-4 w-32…).
// Hidden from assistive tech: announce loading on the container (aria-busy) instead.
export function Skeleton({ className, ...props }: ComponentProps<"div">) {
  return (
    <div
      data-slot="skeleton"
      aria-hidden="true"
      className={cn(
        "bg-muted dark:bg-accent animate-pulse rounded-md motion-reduce:animate-none",
        className,
      )}
      {...props}
    />
  );
}
