import { cva, type VariantProps } from "class-variance-authority";
import { Slot } from "radix-ui";
import type { ComponentProps } from "react";

import { cn } from "@/lib/utils";

export const badgeVariants = cva(
  [
    "inline-flex w-fit shrink-0 items-center gap-1 rounded-md border px-1.5 py-0.5 text-xs leading-4 font-medium whitespace-nowrap",
    "[&>svg]:pointer-events-none [&>svg]:size-3",
  ],
  {
    variants: {
      variant: {
        default: "border-transparent bg-primary text-primary-foreground",
        secondary: "border-transparent bg-secondary text-secondary-foreground",
        outline: "border-border text-foreground",
        success: "border-success/25 bg-success-soft text-success",
        warning: "border-warning/25 bg-warning-soft text-warning",
        destructive: "border-destructive/25 bg-destructive-soft text-destructive",
        // Environment markers for endpoints: amber "Test", green "Live", each with a dot so
        // the difference is not carried by colour alone.
        test: "border-warning/30 bg-warning-soft text-warning before:size-1.5 before:rounded-full before:bg-current",
        live: "border-success/30 bg-success-soft text-success before:size-1.5 before:rounded-full before:bg-current",
      },
    },
    defaultVariants: { variant: "default" },
  },
);

type BadgeProps = ComponentProps<"span"> &
  VariantProps<typeof badgeVariants> & { asChild?: boolean };

// A short status or category label. `test` / `live` render "Test" / "Live" when given no children.
export function Badge({ className, variant, asChild = false, children, ...props }: BadgeProps) {
  const Comp = asChild ? Slot.Root : "span";
  const fallback = variant === "test" ? "Test" : variant === "live" ? "Live" : null;
  return (
    <Comp data-slot="badge" className={cn(badgeVariants({ variant }), className)} {...props}>
      {children ?? fallback}
    </Comp>
  );
}
