import type { ComponentType, ReactNode, SVGProps } from "react";

import { cn } from "@/lib/utils";

type EmptyStateProps = {
  /** A lucide icon component (e.g. Webhook), rendered decoratively in a tinted tile. */
  icon?: ComponentType<SVGProps<SVGSVGElement>>;
  title: ReactNode;
  description?: ReactNode;
  /** Usually one primary Button (plus an optional secondary link). */
  action?: ReactNode;
  /** Heading level for the title, to fit the page outline (default h3). */
  headingLevel?: "h1" | "h2" | "h3" | "h4";
  className?: string;
};

// The "nothing here yet" panel for lists and tables: what is missing, why, and what to do.
export function EmptyState({
  icon: Icon,
  title,
  description,
  action,
  headingLevel: Heading = "h3",
  className,
}: EmptyStateProps) {
  return (
    <div
      data-slot="empty-state"
      className={cn(
        "flex flex-col items-center justify-center rounded-lg border border-dashed px-6 py-10 text-center sm:py-14",
        className,
      )}
    >
      {Icon && (
        <div className="bg-muted text-muted-foreground mb-4 flex size-10 items-center justify-center rounded-lg border shadow-xs">
          <Icon className="size-5" aria-hidden="true" />
        </div>
      )}
      <Heading className="text-foreground text-sm font-semibold">{title}</Heading>
      {description && (
        <p className="text-muted-foreground mt-1.5 max-w-sm text-sm text-balance">{description}</p>
      )}
      {action && (
        <div className="mt-5 flex flex-wrap items-center justify-center gap-2">{action}</div>
      )}
    </div>
  );
}
