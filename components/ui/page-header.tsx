import { ChevronRight } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";

import { cn } from "@/lib/utils";

export type Breadcrumb = { label: string; href?: string };

type PageHeaderProps = {
  /** Trail from the root to this page, e.g. Admin Panel › Integrations & Partners › Webhooks.
   * The last item is the current page (aria-current) and is not a link. */
  breadcrumbs?: Breadcrumb[];
  title: ReactNode;
  description?: ReactNode;
  /** Buttons shown to the right of the title on wide screens, below it on phones. */
  actions?: ReactNode;
  /** Content under the title row, e.g. a status badge line or tabs. */
  children?: ReactNode;
  className?: string;
};

// The top of every admin page: breadcrumb navigation, the page's h1, a short description, actions.
export function PageHeader({
  breadcrumbs,
  title,
  description,
  actions,
  children,
  className,
}: PageHeaderProps) {
  return (
    <header data-slot="page-header" className={cn("flex flex-col gap-3 pb-6", className)}>
      {breadcrumbs && breadcrumbs.length > 0 && (
        <nav aria-label="Breadcrumb">
          <ol className="text-muted-foreground flex flex-wrap items-center gap-x-1.5 gap-y-1 text-[13px]">
            {breadcrumbs.map((crumb, index) => {
              const isLast = index === breadcrumbs.length - 1;
              return (
                <li key={`${crumb.label}-${index}`} className="inline-flex items-center gap-1.5">
                  {crumb.href && !isLast ? (
                    <Link
                      href={crumb.href}
                      className="focus-ring hover:text-foreground rounded-sm transition-colors hover:underline hover:underline-offset-4"
                    >
                      {crumb.label}
                    </Link>
                  ) : (
                    <span
                      aria-current={isLast ? "page" : undefined}
                      className={cn(isLast && "text-foreground font-medium")}
                    >
                      {crumb.label}
                    </span>
                  )}
                  {!isLast && (
                    <ChevronRight className="size-3.5 shrink-0 opacity-70" aria-hidden="true" />
                  )}
                </li>
              );
            })}
          </ol>
        </nav>
      )}
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0 space-y-1">
          <h1 className="text-foreground text-xl leading-7 font-semibold tracking-tight sm:text-2xl sm:leading-8">
            {title}
          </h1>
          {description && <p className="text-muted-foreground max-w-2xl text-sm">{description}</p>}
        </div>
        {actions && <div className="flex shrink-0 flex-wrap items-center gap-2">{actions}</div>}
      </div>
      {children}
    </header>
  );
}
