import type { ComponentProps } from "react";

import { cn } from "@/lib/utils";

type TableProps = ComponentProps<"table"> & {
  /** Classes for the scroll wrapper (e.g. a border and rounding when the table is not in a Card). */
  wrapperClassName?: string;
  /**
   * Rows become cards on phones (see `table[data-stack]` in app/globals.css): give each cell
   * a `data-label` (its column's name) and the row-actions cell `data-row-actions`.
   */
  stack?: boolean;
};

// A data table inside a horizontally scrolling wrapper, so wide tables stay usable on phones.
// No tabIndex on the wrapper: browsers make an overflowing scroller without focusable
// children keyboard-focusable themselves, and a tab stop on every table would be noise.
export function Table({ className, wrapperClassName, stack, ...props }: TableProps) {
  return (
    <div
      data-slot="table-container"
      className={cn("focus-ring relative w-full overflow-x-auto", wrapperClassName)}
    >
      <table
        data-slot="table"
        data-stack={stack ? "" : undefined}
        className={cn("w-full caption-bottom text-sm", className)}
        {...props}
      />
    </div>
  );
}

export function TableHeader({ className, ...props }: ComponentProps<"thead">) {
  return (
    <thead
      data-slot="table-header"
      className={cn("bg-muted/50 [&_tr]:border-b", className)}
      {...props}
    />
  );
}

export function TableBody({ className, ...props }: ComponentProps<"tbody">) {
  return (
    <tbody
      data-slot="table-body"
      className={cn("[&_tr:last-child]:border-0", className)}
      {...props}
    />
  );
}

export function TableFooter({ className, ...props }: ComponentProps<"tfoot">) {
  return (
    <tfoot
      data-slot="table-footer"
      className={cn("bg-muted/50 border-t font-medium [&>tr]:last:border-b-0", className)}
      {...props}
    />
  );
}

export function TableRow({ className, ...props }: ComponentProps<"tr">) {
  return (
    <tr
      data-slot="table-row"
      className={cn(
        "hover:bg-muted/40 data-[state=selected]:bg-muted border-b transition-colors",
        className,
      )}
      {...props}
    />
  );
}

export function TableHead({ className, scope = "col", ...props }: ComponentProps<"th">) {
  return (
    <th
      data-slot="table-head"
      scope={scope}
      className={cn(
        "text-muted-foreground h-9 px-3 text-left align-middle text-xs font-medium whitespace-nowrap first:pl-4 last:pr-4",
        "[&:has([role=checkbox])]:w-px",
        className,
      )}
      {...props}
    />
  );
}

export function TableCell({ className, ...props }: ComponentProps<"td">) {
  return (
    <td
      data-slot="table-cell"
      className={cn(
        "px-3 py-2.5 align-middle first:pl-4 last:pr-4 [&:has([role=checkbox])]:w-px",
        className,
      )}
      {...props}
    />
  );
}

export function TableCaption({ className, ...props }: ComponentProps<"caption">) {
  return (
    <caption
      data-slot="table-caption"
      className={cn("text-muted-foreground mt-3 text-sm", className)}
      {...props}
    />
  );
}
