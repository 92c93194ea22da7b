import type { ComponentProps } from "react";

import { cn } from "@/lib/utils";

// A bordered surface grouping one topic (a settings section, a stats panel).
export function Card({ className, ...props }: ComponentProps<"div">) {
  return (
    <div
      data-slot="card"
      className={cn(
        "bg-card text-card-foreground flex flex-col rounded-lg border shadow-xs",
        className,
      )}
      {...props}
    />
  );
}

// Title + description, with an optional action (put it last; it aligns to the right from `sm` up).
export function CardHeader({ className, ...props }: ComponentProps<"div">) {
  return (
    <div
      data-slot="card-header"
      className={cn(
        "flex flex-col gap-1 px-4 pt-4 sm:px-5 sm:pt-5",
        "has-data-[slot=card-action]:grid has-data-[slot=card-action]:grid-cols-[1fr_auto] has-data-[slot=card-action]:items-start has-data-[slot=card-action]:gap-x-4",
        className,
      )}
      {...props}
    />
  );
}

// The card's heading; renders an <h3> unless `as` says otherwise, to fit the page outline.
export function CardTitle({
  className,
  as: Comp = "h3",
  ...props
}: ComponentProps<"h3"> & { as?: "h1" | "h2" | "h3" | "h4" }) {
  return (
    <Comp
      data-slot="card-title"
      className={cn("text-base leading-6 font-semibold tracking-tight", className)}
      {...props}
    />
  );
}

export function CardDescription({ className, ...props }: ComponentProps<"p">) {
  return (
    <p
      data-slot="card-description"
      className={cn("text-muted-foreground col-start-1 text-sm", className)}
      {...props}
    />
  );
}

// Buttons/menus in the top-right of a card header.
export function CardAction({ className, ...props }: ComponentProps<"div">) {
  return (
    <div
      data-slot="card-action"
      className={cn(
        "col-start-2 row-span-2 row-start-1 flex items-center gap-2 self-start",
        className,
      )}
      {...props}
    />
  );
}

export function CardContent({ className, ...props }: ComponentProps<"div">) {
  return <div data-slot="card-content" className={cn("px-4 py-4 sm:px-5", className)} {...props} />;
}

// Footer row for the card's actions, separated by a rule and tinted.
export function CardFooter({ className, ...props }: ComponentProps<"div">) {
  return (
    <div
      data-slot="card-footer"
      className={cn(
        "bg-muted/40 flex flex-wrap items-center gap-2 rounded-b-lg border-t px-4 py-3 sm:px-5",
        className,
      )}
      {...props}
    />
  );
}
